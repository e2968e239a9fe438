//! Charts: the most played tracks and artists of some days, from
//! rolled-up plays; the global ones kept per period (each replacement
//! handing back the chart it replaced); and the friends' chart, counted
//! from friends' public plays.

use chorus_domain::charts::{day_of, CHART_LENGTH};
use chorus_domain::{ActivityPrivacy, ChartPeriod};
use chorus_storage::{ChartCounts, StoredChart};

use crate::cases::discovery::{count, roll_up_all};
use crate::support::{friends, played, track_by, user, LONG_SESSION};
use crate::Backend;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Recomputes the global chart of `period` at `now_ms` as discovery does
/// (its days' counts, kept): the new chart, and the one it replaced.
pub(crate) async fn recompute(
    b: &Backend,
    period: ChartPeriod,
    now_ms: i64,
) -> (StoredChart, Option<StoredChart>) {
    let days = period.first_day(now_ms)..=day_of(now_ms);
    let chart = StoredChart {
        computed_ms: now_ms,
        counts: b.discovery.most_played(days, CHART_LENGTH).await.unwrap(),
    };
    let previous = b.discovery.replace_chart(period, &chart).await.unwrap();
    (chart, previous)
}

/// The entries of a replaced chart.
fn counts(previous: Option<StoredChart>) -> Option<ChartCounts> {
    previous.map(|p| p.counts)
}

pub async fn global_charts_count_their_period_and_keep_the_last(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let (t3, _) = track_by(&b, 3, "Alpha").await;
    played(&b, ada, t1).await;
    played(&b, ada, t1).await;
    played(&b, bob, t2).await;
    played(&b, ada, t3).await;
    b.writes
        .set_private_session(bob, Some(LONG_SESSION))
        .await
        .unwrap();
    played(&b, bob, t2).await;
    played(&b, bob, t2).await;
    b.writes.set_private_session(bob, None).await.unwrap();
    roll_up_all(&b).await;
    let now = b.writes.now_ms();

    assert_eq!(b.discovery.chart(ChartPeriod::Week).await.unwrap(), None);
    let (computed, previous) = recompute(&b, ChartPeriod::Week, now).await;
    assert_eq!(previous, None, "the first chart kept");
    let week = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert_eq!(week, computed);
    assert_eq!(week.computed_ms, now);
    assert_eq!(
        week.counts.tracks,
        [count(t1, 2), count(t2, 1), count(t3, 1)],
        "most played first, ties by id; private plays never"
    );
    assert_eq!(week.counts.artists, [count(alpha, 3), count(beta, 1)]);
    assert_eq!(b.discovery.chart(ChartPeriod::Month).await.unwrap(), None);
    let top = b
        .discovery
        .most_played(day_of(now)..=day_of(now), 1)
        .await
        .unwrap();
    assert_eq!(
        (top.tracks, top.artists),
        (vec![count(t1, 2)], vec![count(alpha, 3)]),
        "at most the limit of each"
    );

    let (again, previous) = recompute(&b, ChartPeriod::Week, now + 1000).await;
    assert_eq!(previous, Some(week.clone()), "the one it replaced");
    assert_eq!(again.counts, week.counts, "the same entries");
    let kept = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert_eq!(kept.computed_ms, now + 1000);
    assert_eq!(kept.counts, week.counts);

    // Eight days on, today's plays are out of the week, still in the month.
    let later = now + 8 * DAY_MS;
    let (week_later, previous) = recompute(&b, ChartPeriod::Week, later).await;
    assert_eq!(counts(previous), Some(week.counts.clone()));
    assert_eq!(week_later.counts, ChartCounts::default());
    let (month, previous) = recompute(&b, ChartPeriod::Month, later).await;
    assert_eq!(previous, None);
    assert_eq!(month.counts, week.counts);
    assert_eq!(
        b.discovery.chart(ChartPeriod::Month).await.unwrap(),
        Some(month.clone())
    );

    // A month on, out of both.
    let much_later = now + 31 * DAY_MS;
    let (month_later, previous) = recompute(&b, ChartPeriod::Month, much_later).await;
    assert_eq!(counts(previous), Some(week.counts.clone()));
    assert_eq!(month_later.counts, ChartCounts::default());
    let (_, previous) = recompute(&b, ChartPeriod::Week, much_later).await;
    assert_eq!(
        counts(previous),
        Some(ChartCounts::default()),
        "empty before, empty now"
    );

    // New plays change the chart: two more for t2 overtake t1.
    let (today, previous) = recompute(&b, ChartPeriod::Week, b.writes.now_ms()).await;
    assert_eq!(counts(previous), Some(ChartCounts::default()));
    assert_eq!(today.counts, week.counts, "back to today's plays");
    let (_, previous) = recompute(&b, ChartPeriod::Week, b.writes.now_ms()).await;
    assert_eq!(counts(previous), Some(today.counts.clone()), "nothing new");
    played(&b, bob, t2).await;
    played(&b, bob, t2).await;
    roll_up_all(&b).await;
    let (week, previous) = recompute(&b, ChartPeriod::Week, b.writes.now_ms()).await;
    assert_eq!(counts(previous), Some(today.counts), "the plays before");
    assert_eq!(
        week.counts.tracks,
        [count(t2, 3), count(t1, 2), count(t3, 1)]
    );
    assert_eq!(week.counts.artists, [count(alpha, 3), count(beta, 3)]);
}

pub async fn friends_charts_count_friends_public_plays_only(b: Backend) {
    let ada = user(&b, "ada").await;
    let (bob, carl, dan, eve) = (
        user(&b, "bob").await,
        user(&b, "carl").await,
        user(&b, "dan").await,
        user(&b, "eve").await,
    );
    for friend in [bob, carl, dan] {
        friends(&b, ada, friend).await;
    }
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let (t3, _) = track_by(&b, 3, "Alpha").await;
    let (t4, _) = track_by(&b, 4, "Gamma").await;
    played(&b, bob, t1).await;
    played(&b, bob, t1).await;
    played(&b, bob, t2).await;
    played(&b, carl, t1).await;
    played(&b, carl, t3).await;
    // Rolled up so far: reads go from the days' first ids, then past the
    // cursor.
    roll_up_all(&b).await;
    b.writes
        .set_private_session(carl, Some(LONG_SESSION))
        .await
        .unwrap();
    played(&b, carl, t2).await; // in a private session
    played(&b, carl, t2).await;
    b.writes.set_private_session(carl, None).await.unwrap();
    played(&b, dan, t4).await;
    b.users
        .set_privacy(dan, ActivityPrivacy::Private)
        .await
        .unwrap(); // private now
    played(&b, eve, t2).await; // no friend of ada's
    played(&b, ada, t2).await; // ada's own

    let chart = b.discovery.friends_chart(ada, 0, 10).await.unwrap();
    assert_eq!(chart.tracks, [count(t1, 3), count(t2, 1), count(t3, 1)]);
    assert_eq!(chart.artists, [count(alpha, 4), count(beta, 1)]);

    let top = b.discovery.friends_chart(ada, 0, 1).await.unwrap();
    assert_eq!(
        (top.tracks, top.artists),
        (vec![count(t1, 3)], vec![count(alpha, 4)])
    );
    let later = b
        .discovery
        .friends_chart(ada, b.writes.now_ms() + 60_000, 10)
        .await
        .unwrap();
    assert!(later.tracks.is_empty() && later.artists.is_empty());
    let lonely = b.discovery.friends_chart(eve, 0, 10).await.unwrap();
    assert!(lonely.tracks.is_empty());
}
