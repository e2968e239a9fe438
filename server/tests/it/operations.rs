//! What operators rely on: a draining instance (SIGTERM) is not ready,
//! refuses new feed sockets with 503 and closes open ones with 1001 so
//! clients go elsewhere and resume; request ids; Prometheus metrics.

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Error as WsError;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{header, spawn_app};
use crate::listeners::{listener, ARRIVES};

#[tokio::test]
async fn a_draining_instance_is_not_ready_refuses_sockets_and_closes_open_ones_with_1001() {
    let app = spawn_app().await;
    let ada = listener(&app, "ada").await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    let mut socket = ada.connect(&app).await;

    app.drain.start();

    let close = tokio::time::timeout(ARRIVES, async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(frame))) => return frame,
                Some(Ok(_)) => continue,
                other => panic!("expected a close frame, got {other:?}"),
            }
        }
    })
    .await
    .expect("the open socket is closed");
    let frame = close.expect("with a code");
    assert_eq!(u16::from(frame.code), 1001, "going away: {frame:?}");

    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 503);
    assert_eq!(header(&ready, "retry-after"), "1");
    assert_eq!(app.get("/healthz").await.status(), 200, "still alive");

    let url = app.address.replace("http://", "ws://") + "/ws/feed";
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("cookie", ada.cookie.parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(WsError::Http(response)) => {
            assert_eq!(response.status(), 503);
            assert_eq!(response.headers()["retry-after"], "1");
        }
        other => panic!("expected 503, got {other:?}"),
    }
    assert_eq!(
        app.get("/api/tracks").await.status(),
        200,
        "requests are still answered while draining"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_metrics_count_requests_by_route() {
    let app = spawn_app().await;
    let first = app.get("/api/tracks").await;
    let id = header(&first, "x-request-id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let second = app.get("/api/tracks").await;
    assert_ne!(header(&second, "x-request-id"), id);
    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "lb-1234")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&given, "x-request-id"),
        "lb-1234",
        "a balancer's id is kept"
    );

    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status(), 200);
    assert!(header(&metrics, "content-type").starts_with("text/plain"));
    assert!(header(&metrics, "cache-control").contains("no-store"));
    let text = metrics.text().await.unwrap();
    for expected in [
        r#"chorus_http_requests_total{method="GET",route="/api/tracks",status="200"}"#,
        r#"chorus_http_request_duration_seconds_bucket{method="GET",route="/api/tracks""#,
        r#"chorus_db_pool_connections{engine="sqlite",state="max"} 8"#,
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
}
