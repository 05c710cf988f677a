//! The HTTP/1.1 server of `agendum serve`: hyper's connection handling on
//! a tokio runtime of two worker threads, answering with [`super::answer`]
//! from the current [`Published`].
//!
//! What one client can take is bounded: at most [`MAX_CONNECTIONS`] open at
//! once (the next wait in the kernel's backlog), a request's head at most
//! [`MAX_HEAD`] bytes and [`MAX_HEADERS`] headers (hyper answers 431 past
//! that), read within [`HEAD_TIMEOUT`], and a connection lives at most
//! [`CONNECTION_LIFETIME`]. Bodies are never read; every response is a
//! file already in memory, shared, not copied.

use std::convert::Infallible;
use std::io;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

use super::Published;

/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 64;
/// The largest request head (request line and headers), in bytes.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
pub const MAX_HEADERS: usize = 64;
/// How long a client has to send a request's head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one connection may stay open.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);
/// Worker threads of the runtime.
pub const THREADS: usize = 2;

/// What is being served: swapped whole by a rebuild, read by every request.
pub type Shared = Arc<RwLock<Arc<Published>>>;

/// The current build.
pub fn current(shared: &Shared) -> Arc<Published> {
    shared
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Replaces the build being served.
pub fn publish(shared: &Shared, published: Published) {
    *shared.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(published);
}

/// Serves `shared` on `listener` until `stop` resolves; returns then, or
/// when the listener fails.
pub fn run(
    listener: std::net::TcpListener,
    shared: Shared,
    stop: impl std::future::Future<Output = ()>,
) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(THREADS)
        .max_blocking_threads(1)
        .thread_name("agendum-serve")
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let accept = async {
            loop {
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    return Ok::<(), io::Error>(());
                };
                let (stream, _) = match listener.accept().await {
                    Ok(s) => s,
                    // A connection that failed before it was accepted
                    // (reset, or out of file descriptors for a moment).
                    Err(e) if is_transient(&e) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: Request<Incoming>| {
                        let published = current(&shared);
                        async move { Ok::<_, Infallible>(respond(&published, &req)) }
                    });
                    let conn = http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEAD_TIMEOUT)
                        .max_buf_size(MAX_HEAD)
                        .max_headers(MAX_HEADERS)
                        .serve_connection(TokioIo::new(stream), service);
                    // An error here is the client's (it went away, sent a
                    // bad request): hyper has answered what it could.
                    let _ = tokio::time::timeout(CONNECTION_LIFETIME, conn).await;
                    drop(permit);
                });
            }
        };
        tokio::select! {
            r = accept => r,
            () = stop => Ok(()),
        }
    })
}

/// The response to `req`.
fn respond(published: &Published, req: &Request<Incoming>) -> Response<Full<Bytes>> {
    super::answer(published, req.method(), req.uri().path(), req.headers()).map(Full::new)
}

/// Accept errors that concern one connection, not the listener.
fn is_transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    ) || e.raw_os_error().is_some_and(|c| c == 23 || c == 24)
}
