//! An HTTP service around one shared [`wenshu::Engine`] (axum on tokio).
//!
//! ```sh
//! cargo run --release --example service -- 127.0.0.1:8080   # or WENSHU_ADDR=…
//! WENSHU_WORKERS=1 cargo run --release --example service     # one tokio worker thread
//! ```
//!
//! | route | body | answer |
//! |---|---|---|
//! | `POST /extract` | documents (see below) | `{"documents":[{"name","doc_type","classification","extraction","read_warnings"} or {"name","error"}]}` |
//! | `POST /check` | documents | `{"cases":[{"id","documents":[{"name","doc_type"}]}],"findings":[…],"notes":[…],"errors":[{"name","error"}]}` |
//! | `GET /health` | — | `{"status":"ok"}` |
//!
//! Documents come either as `multipart/form-data` (one file per part; the part's file name,
//! or else its field name, names the document, and a directory in the file name —
//! `case-2/judgment.pdf` — is its folder), or as `application/json`:
//!
//! ```json
//! {"documents":[{"name":"judgment.pdf","content_base64":"JVBERi0…","folder":"case-2"},
//!               {"name":"note.txt","text":"起诉书 …"}]}
//! ```
//!
//! `folder` is optional. Documents are linked into cases by the numbers they cite and the
//! persons they name, and the documents of one folder (no folder counts as one) that hold at
//! most one judgment and one indictment are one case: give folders when one request carries
//! several cases. A document that cannot be read is answered with its error
//! (`{"kind","message"}`) and the others are still processed.
//!
//! Errors of the request itself are JSON, `{"error":{"status","code","message"}}`: 400 for a
//! malformed body, 404 for an unknown route, 405 for a wrong method, 413 for a body over
//! 20 MB or more than 50 documents, 415 for another content type, 503 when the service is
//! shutting down.
//!
//! Reading and extraction are CPU-bound: each request runs on tokio's blocking pool, at most
//! one request per core at a time, the others waiting their turn.

use axum::body::Bytes;
use axum::extract::multipart::MultipartError;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Semaphore;
use wenshu::check::assemble::AssemblyNote;
use wenshu::check::{CaseDocument, Content, Finding};
use wenshu::{Classification, DocType, Engine};

/// Largest request body.
pub const MAX_BODY_BYTES: usize = 20 << 20;
/// Most documents in one request.
pub const MAX_DOCUMENTS: usize = 50;

/// Bounds on one request and on the work under way.
#[derive(Debug, Clone, Copy)]
pub struct ServiceLimits {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most documents in one request.
    pub max_documents: usize,
    /// Requests processed at once (the others wait).
    pub max_concurrent: usize,
}

impl Default for ServiceLimits {
    fn default() -> Self {
        ServiceLimits {
            max_body_bytes: MAX_BODY_BYTES,
            max_documents: MAX_DOCUMENTS,
            max_concurrent: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

#[derive(Clone)]
struct AppState {
    engine: Engine,
    limits: ServiceLimits,
    jobs: Arc<Semaphore>,
}

/// The service's routes with the default limits, sharing `engine` across requests.
pub fn app(engine: Engine) -> Router {
    app_with(engine, ServiceLimits::default())
}

/// The service's routes with the given limits.
pub fn app_with(engine: Engine, limits: ServiceLimits) -> Router {
    let state = AppState {
        engine,
        limits,
        jobs: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
    };
    Router::new()
        .route("/extract", post(extract))
        .route("/check", post(check))
        .route("/health", get(health))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "use POST for /extract and /check",
            )
        })
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .with_state(state)
}

// ---------------------------------------------------------------------------------------------
// Errors

/// An error of the request as a whole, answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    fn body_too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the request body exceeds {limit} bytes"),
        )
    }

    fn too_many_documents(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_documents",
            format!("at most {limit} documents per request"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": {
            "status": self.status.as_u16(),
            "code": self.code,
            "message": self.message,
        }});
        (self.status, Json(body)).into_response()
    }
}

/// A document that could not be read.
#[derive(Debug, Serialize)]
struct DocumentError {
    name: String,
    error: ErrorBody,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    /// `io`, `unsupported`, `malformed`, `no_text`, `limit`, `config` or `other`.
    kind: &'static str,
    message: String,
}

impl From<&wenshu::Error> for ErrorBody {
    fn from(e: &wenshu::Error) -> Self {
        let kind = match e {
            wenshu::Error::Io { .. } => "io",
            wenshu::Error::Unsupported { .. } => "unsupported",
            wenshu::Error::Malformed { .. } => "malformed",
            wenshu::Error::NoText { .. } => "no_text",
            wenshu::Error::Limit { .. } => "limit",
            wenshu::Error::Config { .. } => "config",
            _ => "other",
        };
        ErrorBody {
            kind,
            message: e.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Requests

/// One uploaded document.
struct Upload {
    name: String,
    folder: String,
    bytes: Vec<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRequest {
    documents: Vec<JsonDocument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDocument {
    name: String,
    #[serde(default)]
    folder: Option<String>,
    #[serde(default)]
    content_base64: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// The documents of a request, from either body form, within the limits.
async fn uploads(limits: &ServiceLimits, request: Request) -> Result<Vec<Upload>, ApiError> {
    let headers = request.headers();
    // Refuse a body announced too large before reading any of it.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return Err(ApiError::body_too_large(limits.max_body_bytes));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_json = mime == "application/json" || mime.ends_with("+json");
    let is_multipart = mime == "multipart/form-data";
    if !is_json && !is_multipart {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send multipart/form-data or application/json",
        ));
    }
    // The body limit of the router (`DefaultBodyLimit`) bounds both forms while they are read.
    let uploads = if is_json {
        let body = Bytes::from_request(request, &())
            .await
            .map_err(|e| match e {
                BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                    ApiError::body_too_large(limits.max_body_bytes)
                }
                other => ApiError::bad_request(other.body_text()),
            })?;
        from_json(&body, limits)?
    } else {
        from_multipart(request, limits).await?
    };
    if uploads.is_empty() {
        return Err(ApiError::bad_request("no documents in the request"));
    }
    Ok(uploads)
}

fn from_json(body: &[u8], limits: &ServiceLimits) -> Result<Vec<Upload>, ApiError> {
    let request: JsonRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))?;
    if request.documents.len() > limits.max_documents {
        return Err(ApiError::too_many_documents(limits.max_documents));
    }
    request
        .documents
        .into_iter()
        .map(|d| {
            let bytes = match (d.content_base64, d.text) {
                (Some(b64), None) => base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|e| {
                        ApiError::bad_request(format!("{}: invalid content_base64: {e}", d.name))
                    })?,
                (None, Some(text)) => text.into_bytes(),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "{}: give exactly one of content_base64 and text",
                        d.name
                    )))
                }
            };
            Ok(Upload {
                name: d.name,
                folder: d.folder.unwrap_or_default(),
                bytes,
            })
        })
        .collect()
}

async fn from_multipart(request: Request, limits: &ServiceLimits) -> Result<Vec<Upload>, ApiError> {
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|e| ApiError::bad_request(e.body_text()))?;
    let multipart_error = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::body_too_large(limits.max_body_bytes)
        } else {
            ApiError::bad_request(format!("malformed multipart body: {e}"))
        }
    };
    let mut out = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        if out.len() == limits.max_documents {
            return Err(ApiError::too_many_documents(limits.max_documents));
        }
        let label = field
            .file_name()
            .or_else(|| field.name())
            .unwrap_or("")
            .to_string();
        let bytes = field.bytes().await.map_err(multipart_error)?;
        let path = Path::new(&label);
        let folder = path
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if label.is_empty() {
            format!("document-{}", out.len() + 1)
        } else {
            label
        };
        out.push(Upload {
            name,
            folder,
            bytes: bytes.to_vec(),
        });
    }
    Ok(out)
}

/// Runs CPU-bound work on the blocking pool, at most `max_concurrent` at once.
async fn run<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Engine) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let unavailable = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the service is shutting down",
        )
    };
    let _permit = state
        .jobs
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| unavailable())?;
    let engine = state.engine.clone();
    tokio::task::spawn_blocking(move || work(&engine))
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("the job failed: {e}"),
            )
        })
}

/// Reads and extracts every upload: the documents read, and the errors of the others.
fn read_all(
    engine: &Engine,
    uploads: Vec<Upload>,
) -> Vec<(Upload, Result<CaseDocument, ErrorBody>)> {
    uploads
        .into_iter()
        .map(|u| {
            let doc = engine
                .read_bytes(&u.name, &u.bytes)
                .map(CaseDocument::new)
                .map_err(|e| ErrorBody::from(&e));
            (u, doc)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Routes

#[derive(Serialize)]
struct Extracted {
    name: String,
    doc_type: DocType,
    classification: Classification,
    extraction: Content,
    read_warnings: Vec<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ExtractResult {
    Ok(Box<Extracted>),
    Err(DocumentError),
}

#[derive(Serialize)]
struct ExtractResponse {
    documents: Vec<ExtractResult>,
}

async fn extract(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<ExtractResponse>, ApiError> {
    let uploads = uploads(&state.limits, request).await?;
    let documents = run(&state, move |engine| {
        read_all(engine, uploads)
            .into_iter()
            .map(|(u, doc)| match doc {
                Ok(d) => ExtractResult::Ok(Box::new(Extracted {
                    name: u.name,
                    doc_type: d.class.doc_type,
                    read_warnings: d.doc.read_warnings().to_vec(),
                    classification: d.class,
                    extraction: d.content,
                })),
                Err(error) => ExtractResult::Err(DocumentError {
                    name: u.name,
                    error,
                }),
            })
            .collect()
    })
    .await?;
    Ok(Json(ExtractResponse { documents }))
}

#[derive(Serialize)]
struct CaseSummary {
    id: String,
    documents: Vec<DocumentSummary>,
}

#[derive(Serialize)]
struct DocumentSummary {
    name: String,
    doc_type: DocType,
}

#[derive(Serialize)]
struct CheckResponse {
    cases: Vec<CaseSummary>,
    findings: Vec<Finding>,
    notes: Vec<AssemblyNote>,
    errors: Vec<DocumentError>,
}

async fn check(
    State(state): State<AppState>,
    request: Request,
) -> Result<Json<CheckResponse>, ApiError> {
    let uploads = uploads(&state.limits, request).await?;
    let response = run(&state, move |engine| {
        let (mut documents, mut folders, mut errors) = (Vec::new(), Vec::new(), Vec::new());
        for (u, doc) in read_all(engine, uploads) {
            match doc {
                Ok(d) => {
                    documents.push(d);
                    folders.push(u.folder);
                }
                Err(error) => errors.push(DocumentError {
                    name: u.name,
                    error,
                }),
            }
        }
        let assembly = wenshu::check::assemble::assemble(documents, &folders);
        let findings = assembly
            .cases
            .iter()
            .flat_map(|c| engine.check(c))
            .collect();
        let cases = assembly
            .cases
            .iter()
            .map(|c| CaseSummary {
                id: c.id.clone(),
                documents: c
                    .documents
                    .iter()
                    .map(|d| DocumentSummary {
                        name: d.doc.source().to_string(),
                        doc_type: d.class.doc_type,
                    })
                    .collect(),
            })
            .collect();
        CheckResponse {
            cases,
            findings,
            notes: assembly.notes,
            errors,
        }
    })
    .await?;
    Ok(Json(response))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

// ---------------------------------------------------------------------------------------------
// Main

/// The address: the first argument, else `WENSHU_ADDR`, else `127.0.0.1:8080`.
fn address() -> String {
    std::env::args()
        .nth(1)
        .or_else(|| std::env::var("WENSHU_ADDR").ok())
        .unwrap_or_else(|| "127.0.0.1:8080".to_string())
}

#[allow(dead_code)] // the test compiles this file as a module and starts the router itself
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = std::env::var("WENSHU_WORKERS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        runtime.worker_threads(n);
    }
    let runtime = runtime.enable_all().build()?;
    // One engine for the whole process; every request shares it.
    let engine = Engine::builder()
        .limits(wenshu::Limits {
            max_input_bytes: MAX_BODY_BYTES as u64,
            ..Default::default()
        })
        .build()?;
    runtime.block_on(async move {
        let addr = address();
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        eprintln!("listening on http://{}", listener.local_addr()?);
        axum::serve(listener, app(engine))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
