//! `/charts` (this week) and `/charts?period=month`: the most played
//! tracks (playable, like any track list) and artists on Chorus, switched
//! between with plain links. Public and the same for everyone, so cached:
//! it names the charts' surrogate key (purged when they are recomputed and
//! come out different) and those of the albums and artists it shows. After
//! hydration a signed-in listener can switch to their friends' chart,
//! fetched from the JSON API in the browser.
//!
//! Accessible names: the period links ("This week", "This month") are in
//! the navigation "Chart period"; the switch is the group "Whose plays"
//! with pressed buttons "Everyone" and "Friends"; the friends' chart is the
//! region "Friends' chart".

use chorus_domain::{Chart, ChartPeriod, ChartScope, SurrogateKey};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

use crate::account::Account;
use crate::api::load_chart;
use crate::components::page_state::{ErrorView, Loading};
use crate::components::track_list::TrackList;

/// The period a `?period=` asks for (this week unless it says month).
fn period_of(param: Option<String>) -> ChartPeriod {
    match param.as_deref() {
        Some("month") => ChartPeriod::Month,
        _ => ChartPeriod::Week,
    }
}

fn period_words(period: ChartPeriod) -> &'static str {
    match period {
        ChartPeriod::Week => "this week",
        ChartPeriod::Month => "this month",
    }
}

/// "2026-11-27 10:00 UTC" of an RFC 3339 time (the same on the server and
/// in the browser).
fn computed_label(at: &str) -> String {
    match (at.get(0..10), at.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => at.to_owned(),
    }
}

fn plays(n: u64) -> String {
    match n {
        1 => "1 play".to_owned(),
        n => format!("{n} plays"),
    }
}

/// The charts, and the albums of its tracks and its artists.
fn chart_keys(chart: &Chart) -> Vec<SurrogateKey> {
    std::iter::once(SurrogateKey::charts())
        .chain(
            chart
                .tracks
                .iter()
                .map(|t| SurrogateKey::album(t.track.album.id)),
        )
        .chain(
            chart
                .artists
                .iter()
                .map(|a| SurrogateKey::artist(a.artist.id)),
        )
        .collect()
}

/// The `/charts` route, loaded on demand: with `cargo leptos build --split`
/// its code is a WASM chunk of its own, fetched when the route is first
/// shown (the server renders it like any page; opened on it, the browser
/// entry loads the chunk before hydrating: `crate::preload_lazy_route`).
pub struct ChartsRoute;

#[lazy_route]
impl LazyRoute for ChartsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ChartsPage/> }.into_any()
    }
}

#[component]
pub fn ChartsPage() -> impl IntoView {
    let query = use_query_map();
    let period = Memo::new(move |_| period_of(query.with(|q| q.get("period"))));
    let chart = Resource::new(move || period.get(), load_chart);
    let account = Account::get();
    let scope = RwSignal::new(ChartScope::Global);
    Effect::new(move |_| {
        if account.me.with(Option::is_none) {
            scope.set(ChartScope::Global);
        }
    });
    let title = move || match period.get() {
        ChartPeriod::Week => "Charts".to_owned(),
        ChartPeriod::Month => "Charts: this month".to_owned(),
    };
    view! {
        <Title text=title/>
        <Meta name="description" content="The most played tracks and artists on Chorus, this week and this month."/>
        <h1 class="page-title">"Charts"</h1>
        <div class="chart-controls">
            <nav class="tabs" aria-label="Chart period">
                <a href="/charts" aria-current=move || (period.get() == ChartPeriod::Week).then_some("page")>"This week"</a>
                <a href="/charts?period=month" aria-current=move || (period.get() == ChartPeriod::Month).then_some("page")>"This month"</a>
            </nav>
            {move || account.me.with(Option::is_some).then(|| view! { <ScopeSwitch scope/> })}
        </div>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match chart.await {
                    Ok(chart) => {
                        crate::cdn::shows(chart_keys(&chart));
                        view! {
                            <div class="chart" data-scope="global" hidden=move || scope.get() == ChartScope::Friends>
                                <ChartView chart/>
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
        {move || (scope.get() == ChartScope::Friends).then(|| view! { <FriendsChart period=period.get()/> })}
    }
}

/// "Everyone" / "Friends", for a signed-in listener.
#[component]
fn ScopeSwitch(scope: RwSignal<ChartScope>) -> impl IntoView {
    let button = move |label: &'static str, value: ChartScope| {
        view! {
            <button type="button" class="button small" aria-pressed=move || (scope.get() == value).to_string()
                on:click=move |_| scope.set(value)>{label}</button>
        }
    };
    view! {
        <div class="segmented" role="group" aria-label="Whose plays">
            {button("Everyone", ChartScope::Global)}
            {button("Friends", ChartScope::Friends)}
        </div>
    }
}

/// The friends' chart of `period`, fetched in the browser.
#[component]
fn FriendsChart(period: ChartPeriod) -> impl IntoView {
    let found = RwSignal::new(None::<Result<Chart, String>>);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        found.set(Some(crate::discover::client::friends_chart(period).await));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = period;
    view! {
        <div class="chart" data-scope="friends" role="region" aria-label="Friends' chart">
            {move || match found.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Ok(chart)) => view! { <ChartView chart/> }.into_any(),
                Some(Err(message)) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
            }}
        </div>
    }
}

/// A chart: when it was computed, its tracks, its artists.
#[component]
fn ChartView(chart: Chart) -> impl IntoView {
    let when = period_words(chart.period);
    let empty = match chart.scope {
        ChartScope::Global => format!("No plays {when} yet."),
        ChartScope::Friends => format!("Your friends haven't played anything {when}."),
    };
    let notes = chart.tracks.iter().map(|t| plays(t.plays)).collect();
    // Ranks are consecutive from 1, as the list numbers rows.
    let tracks: Vec<_> = chart.tracks.into_iter().map(|t| t.track).collect();
    let no_tracks = tracks.is_empty();
    let no_artists = chart.artists.is_empty();
    let artists = chart
        .artists
        .into_iter()
        .map(|a| {
            view! {
                <li class="chart-artist">
                    <span class="chart-rank" aria-hidden="true">{a.rank}</span>
                    <a class="chart-artist-name" href=format!("/artists/{}", a.artist.id)>{a.artist.name}</a>
                    <span class="muted">{plays(a.plays)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="muted chart-computed">
            "Computed at " <time datetime=chart.computed_at.clone()>{computed_label(&chart.computed_at)}</time>
        </p>
        <section class="section">
            <h2 class="section-title">"Top tracks"</h2>
            {if no_tracks {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! { <TrackList tracks show_album=true notes/> }.into_any()
            }}
        </section>
        <section class="section">
            <h2 class="section-title">"Top artists"</h2>
            {if no_artists {
                view! { <p class="muted">"No artists to rank yet."</p> }.into_any()
            } else {
                view! { <ol class="chart-artists">{artists}</ol> }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_labels() {
        assert_eq!(period_of(None), ChartPeriod::Week);
        assert_eq!(period_of(Some("month".into())), ChartPeriod::Month);
        assert_eq!(period_of(Some("year".into())), ChartPeriod::Week);
        assert_eq!(
            computed_label("2026-11-27T10:05:09.123Z"),
            "2026-11-27 10:05 UTC"
        );
        assert_eq!(computed_label("soon"), "soon");
        assert_eq!(plays(1), "1 play");
        assert_eq!(plays(12), "12 plays");
    }
}
