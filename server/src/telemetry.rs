//! What an operator sees of a running instance: Prometheus metrics
//! (`GET /metrics`), per-route request counts and latencies, and the request
//! id every request carries through the logs and back in `x-request-id`.
//!
//! Metrics recorded elsewhere: `chorus_feed_sockets` (open feed sockets),
//! `chorus_events_fanned_out_total` (events sent on feed sockets),
//! `chorus_fanout_latency_seconds` (hub: first hint of a batch to its news
//! handed to every connection), `chorus_bus_lag_seconds` (publish on one
//! instance to receipt on another), `chorus_bus_hints_*_total`,
//! `chorus_online_listeners`. Pool figures are read at each scrape.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::http::cache::CachePolicy;
use crate::state::AppState;

/// Latency buckets (seconds) of every `*_seconds` histogram.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's metrics recorder (installed once, shared by every
/// application in the process, as in tests).
pub fn prometheus() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), BUCKETS);
            // Cannot fail: the suffix matcher has buckets.
            let recorder = match builder {
                Ok(builder) => builder.build_recorder(),
                Err(_) => PrometheusBuilder::new().build_recorder(),
            };
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            handle
        })
        .clone()
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics_endpoint(State(state): State<AppState>) -> Response {
    let pool = state.database.pool_usage();
    let engine = state.database.engine();
    metrics::gauge!("chorus_db_pool_connections", "engine" => engine, "state" => "open")
        .set(f64::from(pool.open));
    metrics::gauge!("chorus_db_pool_connections", "engine" => engine, "state" => "idle")
        .set(pool.idle as f64);
    metrics::gauge!("chorus_db_pool_connections", "engine" => engine, "state" => "max")
        .set(f64::from(pool.max));
    let handle = prometheus();
    handle.run_upkeep();
    let mut response = (
        [(
            http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response();
    CachePolicy::NoStore.apply(response.headers_mut());
    response
}

/// Counts each request and times it, by method, route template (never
/// the raw path: ids would explode the label set) and status.
pub async fn track_requests(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!(
        "chorus_http_request_duration_seconds",
        "method" => method,
        "route" => route.clone(),
    )
    .record(started.elapsed().as_secs_f64());
    metrics::counter!(
        "chorus_http_requests_total",
        "method" => method,
        "route" => route,
        "status" => status,
    )
    .increment(1);
    response
}

/// A method as a metric label: the standard ones by name, anything else
/// (`FOO`, a scanner's invention) as `other`, so no client can grow the
/// label set.
fn method_label(method: &http::Method) -> &'static str {
    use http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// The span of one request: method, path, the client's address (set by
/// `crate::http::client_addr` before tracing starts: behind a trusted
/// proxy, the forwarded client) and the request id (set by
/// `SetRequestIdLayer`).
pub fn request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let client = request
        .extensions()
        .get::<crate::http::client_addr::ClientAddr>()
        .map_or_else(|| "-".to_owned(), ToString::to_string);
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        client = %client,
        request_id = %id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label() {
        assert_eq!(method_label(&http::Method::GET), "GET");
        let invented = http::Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&invented), "other");
    }
}
