//! `GET /api/openapi.json`: the OpenAPI 3.1 document of this API, built
//! from the handlers' annotations by the router ([`crate::api_doc`]). The
//! same for everyone, so cacheable like the catalog.

use axum::response::Response;
use axum::Extension;

use crate::api_doc::Served;
use crate::http::cache::public_json;
use crate::http::error::ApiError;

/// This document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API", body = Object),
    )
)]
pub async fn openapi_json(Extension(served): Extension<Served>) -> Result<Response, ApiError> {
    let document = served
        .get()
        .ok_or_else(|| ApiError::Internal("the OpenAPI document was not published".into()))?;
    Ok(public_json(document))
}
