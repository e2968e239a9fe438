//! The discovery benchmark's measurements, on the seeded database through
//! `chorus_discovery::Discovery` exactly as the server calls it: chart
//! refreshes (the first roll-up of every play, an incremental one, an idle
//! one), then search, compatibility, recommendations, listeners like you
//! and charts, each over the same seeded random inputs every run, one call
//! at a time, after a warm-up.

use std::collections::HashSet;
use std::sync::Arc;

use chorus_domain::{ChartPeriod, ChartScope, SearchQuery, UserId, Username};
use chorus_storage::SocialStore;

use crate::discovery_backend::Backend;
use crate::discovery_measure::{measure, now_ms, refresh, WARM_UP};
use crate::discovery_queries::queries;
use crate::discovery_rng::Rng;
use crate::discovery_table::{load_average, Figures};
use crate::discovery_world::{id, Play, World};

/// Plays recorded between the first and the incremental refresh.
const NEW_PLAYS: usize = 10_000;
/// Results per kind a search asks for (the page's).
const SEARCH_LIMIT: u32 = 20;
/// Listeners like you a call asks for.
const LIKE_YOU: usize = 10;

/// The random inputs, drawn once.
struct Inputs {
    viewers: Vec<UserId>,
    friends: Vec<Arc<(Vec<UserId>, HashSet<UserId>)>>,
    friend_names: Vec<Username>,
    stranger_names: Vec<Username>,
    queries: Vec<String>,
}

async fn inputs(world: &World, social: &dyn SocialStore, count: usize) -> anyhow::Result<Inputs> {
    let mut rng = Rng::new(7);
    let users = world.listeners.len();
    let username = |i: usize| -> anyhow::Result<Username> {
        let listener = world
            .listeners
            .get(i)
            .ok_or_else(|| anyhow::anyhow!("no listener {i}"))?;
        Ok(Username::parse(&listener.username)?)
    };
    let mut inputs = Inputs {
        viewers: Vec::with_capacity(count),
        friends: Vec::with_capacity(count),
        friend_names: Vec::with_capacity(count),
        stranger_names: Vec::with_capacity(count),
        queries: queries(world, count, &mut rng),
    };
    let reach = world.sizes.friends / 2;
    for _ in 0..count {
        let viewer = rng.below(users);
        let mut friends = social.friend_ids(UserId(id(viewer))).await?;
        // The same friend on either backend, whatever order it reads in.
        friends.sort();
        let friend = rng
            .pick(&friends)
            .map_or(0, |f| usize::try_from(f.0 - 1).unwrap_or(0));
        // Beyond the ring's reach on either side: not a friend.
        let stranger =
            (viewer + reach + 1 + rng.below(users.saturating_sub(2 * reach + 1))) % users;
        inputs.viewers.push(UserId(id(viewer)));
        inputs.friend_names.push(username(friend)?);
        inputs.stranger_names.push(username(stranger)?);
        let set = friends.iter().copied().collect();
        inputs.friends.push(Arc::new((friends, set)));
    }
    Ok(inputs)
}

pub async fn run(backend: &Backend, world: &World, samples: usize) -> anyhow::Result<Figures> {
    let services = backend.services();
    let (discovery, social, store) = (&services.discovery, &services.social, &services.store);
    let mut figures = Figures::default();
    figures.load.0 = load_average();
    let plays = u64::try_from(world.sizes.plays).unwrap_or(0);
    figures.refreshes.push(
        refresh(
            discovery,
            "first run: every play, then week and month",
            plays,
        )
        .await?,
    );
    println!("  {}", backend.settle().await?);
    let mut rng = Rng::new(11);
    let mut new: Vec<Play> = (0..NEW_PLAYS)
        .map(|_| world.play(rng.below(world.listeners.len()), 3_600_000, &mut rng))
        .collect();
    new.sort_by_key(|p| p.at_ms);
    backend.insert_plays(&new).await?;
    figures
        .refreshes
        .push(refresh(discovery, "after 10,000 new plays", NEW_PLAYS as u64).await?);
    figures
        .refreshes
        .push(refresh(discovery, "nothing new", 0).await?);

    let total = WARM_UP + samples;
    let inputs = inputs(world, social.as_ref(), total).await?;
    let now = now_ms();
    let d = discovery;
    let ins = &inputs;
    let mut l = Vec::new();
    let query = |i: usize| format!("{:?}", ins.queries[i]);
    l.push(
        measure(
            "search (20 per kind)",
            Some(20.0),
            samples,
            Some(&query),
            |i| {
                let (d, q) = (d.clone(), ins.queries[i].clone());
                async move {
                    let r = d.search(&q, SEARCH_LIMIT).await?;
                    anyhow::Ok(
                        (r.artists.len() + r.albums.len() + r.tracks.len() + r.users.len()) as f64,
                    )
                }
            },
        )
        .await?,
    );
    l.push(
        measure(
            "↳ of which the store's search (matches)",
            None,
            samples,
            None,
            |i| {
                let (s, q) = (store.clone(), ins.queries[i].clone());
                async move {
                    let matches = s
                        .search_matches(&SearchQuery::parse(&q)?, SEARCH_LIMIT)
                        .await?;
                    anyhow::Ok(matches.len() as f64)
                }
            },
        )
        .await?,
    );
    l.push(
        measure(
            "similarities with all friends (mean score)",
            Some(50.0),
            samples,
            None,
            |i| {
                let (d, v, f) = (d.clone(), ins.viewers[i], ins.friends[i].clone());
                async move {
                    let found = d.similarities(v, &f.0, &f.1, now).await?;
                    let sum: f64 = found.iter().map(|(_, s)| f64::from(s.score)).sum();
                    anyhow::Ok(sum / found.len().max(1) as f64)
                }
            },
        )
        .await?,
    );
    l.push(
        measure(
            "↳ of which the store's taste read (signals)",
            None,
            samples,
            None,
            |i| {
                let (s, v, f) = (store.clone(), ins.viewers[i], ins.friends[i].clone());
                async move {
                    let everyone: Vec<UserId> =
                        std::iter::once(v).chain(f.0.iter().copied()).collect();
                    anyhow::Ok(s.taste(&everyone).await?.len() as f64)
                }
            },
        )
        .await?,
    );
    for (name, names) in [
        ("compatibility with a friend (score)", &ins.friend_names),
        ("compatibility with a stranger (score)", &ins.stranger_names),
    ] {
        l.push(
            measure(name, None, samples, None, |i| {
                let (d, v, other) = (d.clone(), ins.viewers[i], names[i].clone());
                async move { anyhow::Ok(f64::from(d.compatibility(v, &other, now).await?.score)) }
            })
            .await?,
        );
    }
    l.push(
        measure("recommendations (items)", None, samples, None, |i| {
            let (d, v) = (d.clone(), ins.viewers[i]);
            async move { anyhow::Ok(d.recommendations(v, now).await?.items.len() as f64) }
        })
        .await?,
    );
    l.push(
        measure("listeners like you (10)", None, samples, None, |i| {
            let (d, v) = (d.clone(), ins.viewers[i]);
            async move { anyhow::Ok(d.listeners_like_you(v, now, LIKE_YOU).await?.len() as f64) }
        })
        .await?,
    );
    for (name, scope, period) in [
        (
            "friends' chart, week (tracks)",
            ChartScope::Friends,
            ChartPeriod::Week,
        ),
        (
            "global chart, week (tracks)",
            ChartScope::Global,
            ChartPeriod::Week,
        ),
        (
            "global chart, month (tracks)",
            ChartScope::Global,
            ChartPeriod::Month,
        ),
    ] {
        l.push(
            measure(name, None, samples, None, |i| {
                let (d, v) = (d.clone(), ins.viewers[i]);
                async move {
                    anyhow::Ok(d.chart(scope, period, Some(v), now).await?.tracks.len() as f64)
                }
            })
            .await?,
        );
    }
    figures.latencies = l;
    figures.load.1 = load_average();
    Ok(figures)
}
