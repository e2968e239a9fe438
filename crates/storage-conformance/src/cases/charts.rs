//! Charts: the global ones, computed from rolled-up plays over their
//! period and kept (telling whether they changed), and the friends' chart,
//! counted from friends' public plays.

use std::time::Duration;

use chorus_domain::{ActivityPrivacy, ChartPeriod};

use crate::cases::discovery::{count, roll_up_all};
use crate::support::{friends, now_ms, played, track_by, user};
use crate::Backend;

const HOUR: Duration = Duration::from_secs(3600);
const DAY_MS: i64 = 24 * 3600 * 1000;

fn clock() -> i64 {
    i64::try_from(now_ms()).unwrap()
}

pub async fn global_charts_count_their_period_and_tell_when_they_change(b: Backend) {
    let (ada, bob) = (user(&b, "ada").await, user(&b, "bob").await);
    let (t1, alpha) = track_by(&b, 1, "Alpha").await;
    let (t2, beta) = track_by(&b, 2, "Beta").await;
    let (t3, _) = track_by(&b, 3, "Alpha").await;
    played(&b, ada, t1).await;
    played(&b, ada, t1).await;
    played(&b, bob, t2).await;
    played(&b, ada, t3).await;
    b.users.set_private_session(bob, Some(HOUR)).await.unwrap();
    played(&b, bob, t2).await;
    played(&b, bob, t2).await;
    b.users.set_private_session(bob, None).await.unwrap();
    roll_up_all(&b).await;
    let now = clock();

    assert_eq!(b.discovery.chart(ChartPeriod::Week).await.unwrap(), None);
    assert!(
        b.discovery
            .recompute_chart(ChartPeriod::Week, now)
            .await
            .unwrap(),
        "a first chart is a change"
    );
    let week = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert_eq!(week.computed_ms, now);
    assert_eq!(
        week.tracks,
        [count(t1, 2), count(t2, 1), count(t3, 1)],
        "most played first, ties by id; private plays never"
    );
    assert_eq!(week.artists, [count(alpha, 3), count(beta, 1)]);
    assert_eq!(b.discovery.chart(ChartPeriod::Month).await.unwrap(), None);

    assert!(
        !b.discovery
            .recompute_chart(ChartPeriod::Week, now + 1000)
            .await
            .unwrap(),
        "the same entries"
    );
    let again = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert_eq!(again.computed_ms, now + 1000);
    assert_eq!(
        (again.tracks, again.artists),
        (week.tracks.clone(), week.artists.clone())
    );

    // Eight days on, today's plays are out of the week, still in the month.
    let later = now + 8 * DAY_MS;
    assert!(b
        .discovery
        .recompute_chart(ChartPeriod::Week, later)
        .await
        .unwrap());
    let week_later = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert!(week_later.tracks.is_empty() && week_later.artists.is_empty());
    assert!(b
        .discovery
        .recompute_chart(ChartPeriod::Month, later)
        .await
        .unwrap());
    let month = b
        .discovery
        .chart(ChartPeriod::Month)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (month.tracks, month.artists),
        (week.tracks.clone(), week.artists)
    );

    // A month on, out of both.
    let much_later = now + 31 * DAY_MS;
    assert!(b
        .discovery
        .recompute_chart(ChartPeriod::Month, much_later)
        .await
        .unwrap());
    assert!(b
        .discovery
        .chart(ChartPeriod::Month)
        .await
        .unwrap()
        .unwrap()
        .tracks
        .is_empty());
    assert!(
        !b.discovery
            .recompute_chart(ChartPeriod::Week, much_later)
            .await
            .unwrap(),
        "empty before, empty now"
    );

    // New plays change the chart: two more for t2 overtake t1.
    let recompute = || {
        let discovery = b.discovery.clone();
        async move {
            discovery
                .recompute_chart(ChartPeriod::Week, clock())
                .await
                .unwrap()
        }
    };
    assert!(recompute().await, "back to today's plays");
    assert!(!recompute().await);
    played(&b, bob, t2).await;
    played(&b, bob, t2).await;
    roll_up_all(&b).await;
    assert!(recompute().await, "the new plays");
    let week = b.discovery.chart(ChartPeriod::Week).await.unwrap().unwrap();
    assert_eq!(week.tracks, [count(t2, 3), count(t1, 2), count(t3, 1)]);
    assert_eq!(week.artists, [count(alpha, 3), count(beta, 3)]);
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
    b.users.set_private_session(carl, Some(HOUR)).await.unwrap();
    played(&b, carl, t2).await; // in a private session
    played(&b, carl, t2).await;
    b.users.set_private_session(carl, None).await.unwrap();
    played(&b, dan, t4).await;
    b.users
        .set_privacy(dan, ActivityPrivacy::Private)
        .await
        .unwrap(); // private now
    played(&b, eve, t2).await; // no friend of ada's
    played(&b, ada, t2).await; // ada's own

    let before = clock();
    let chart = b.discovery.friends_chart(ada, 0, 10).await.unwrap();
    assert!((before - 1000..=clock() + 1000).contains(&chart.computed_ms));
    assert_eq!(chart.tracks, [count(t1, 3), count(t2, 1), count(t3, 1)]);
    assert_eq!(chart.artists, [count(alpha, 4), count(beta, 1)]);

    let top = b.discovery.friends_chart(ada, 0, 1).await.unwrap();
    assert_eq!(
        (top.tracks, top.artists),
        (vec![count(t1, 3)], vec![count(alpha, 4)])
    );
    let later = b
        .discovery
        .friends_chart(ada, clock() + 60_000, 10)
        .await
        .unwrap();
    assert!(later.tracks.is_empty() && later.artists.is_empty());
    let lonely = b.discovery.friends_chart(eve, 0, 10).await.unwrap();
    assert!(lonely.tracks.is_empty());
}
