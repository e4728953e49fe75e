//! perflab runtime payload: Axum 0.8 on the multi-threaded Tokio runtime.
use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, RawQuery, Request},
    http::StatusCode,
    middleware,
    routing::{get, post},
    Json, Router,
};
use serde_json::{json, Value};

const N_ERROR: &str = "n must be an integer between 1 and 100000";

type Reply = (StatusCode, Json<Value>);

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn fixed_json() -> Json<Value> {
    Json(json!({
        "id": 1, "name": "perflab", "active": true, "score": 99.5,
        "tags": ["alpha", "beta", "gamma"],
        "items": [
            { "sku": "A-100", "qty": 2, "price": 9.99 },
            { "sku": "B-200", "qty": 1, "price": 24.5 },
            { "sku": "C-300", "qty": 5, "price": 3.25 }
        ]
    }))
}

async fn echo(body: Bytes) -> Reply {
    match serde_json::from_slice::<Value>(&body) {
        Ok(v) => (StatusCode::OK, Json(v)),
        Err(_) => (StatusCode::BAD_REQUEST, Json(json!({ "error": "malformed JSON" }))),
    }
}

/// First `n` query parameter as an integer in [1, 100000] (ASCII digits only).
fn parse_n(query: Option<&str>) -> Option<i32> {
    let (_, raw) = form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == "n")?;
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse::<i32>().ok().filter(|n| (1..=100_000).contains(n))
}

/// Count primes in [2, n] by plain trial division (same loop in every variant).
fn count_primes(n: i32) -> i32 {
    let mut count = 0;
    for k in 2..=n {
        let mut prime = true;
        let mut d = 2;
        while d * d <= k {
            if k % d == 0 {
                prime = false;
                break;
            }
            d += 1;
        }
        if prime {
            count += 1;
        }
    }
    count
}

async fn compute(RawQuery(query): RawQuery) -> Reply {
    match parse_n(query.as_deref()) {
        Some(n) => (StatusCode::OK, Json(json!({ "n": n, "primes": count_primes(n) }))),
        None => (StatusCode::BAD_REQUEST, Json(json!({ "error": N_ERROR }))),
    }
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {},
        _ = tokio::signal::ctrl_c() => {},
    }
}

#[tokio::main]
async fn main() {
    let host = std::env::var("HOST").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| "0.0.0.0".into());
    let port: u16 = match std::env::var("PORT").ok().filter(|p| !p.is_empty()) {
        Some(p) => p.parse().expect("PORT must be a port number"),
        None => 8080,
    };
    // PERFLAB_SPIN_US: busy-wait this many microseconds per request (an injected, CPU-bound
    // regression for the gate's trials). 0, the default, adds nothing.
    let spin_us: u64 = match std::env::var("PERFLAB_SPIN_US").ok().filter(|s| !s.is_empty()) {
        Some(s) => match s.parse() {
            Ok(n) if n <= 1_000_000 => n,
            _ => panic!("PERFLAB_SPIN_US must be a whole number of microseconds 0..1000000"),
        },
        None => 0,
    };
    let mut app = Router::new()
        .route("/health", get(health))
        .route("/json", get(fixed_json))
        .route("/echo", post(echo))
        .route("/compute", get(compute))
        .layer(DefaultBodyLimit::max(1 << 20));
    if spin_us > 0 {
        let d = std::time::Duration::from_micros(spin_us);
        app = app.layer(middleware::map_request(move |req: Request| async move {
            let end = std::time::Instant::now() + d;
            while std::time::Instant::now() < end {}
            req
        }));
    }
    let listener = tokio::net::TcpListener::bind((host.as_str(), port)).await.expect("bind");
    println!("listening on {host}:{port}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .expect("server");
}
