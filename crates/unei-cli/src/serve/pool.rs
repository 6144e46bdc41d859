//! The bounded pool that imports and renders: `--jobs` workers (blocking threads, since the
//! library crates are synchronous) and a queue of `--queue` requests in front of them. A burst
//! beyond the queue is answered 503 at once instead of piling up; work that passes its
//! deadline is answered 504, and keeps its worker until it ends, so the pool never grows.
//! Requests take a worker only once their body has fully arrived: a slow client holds none.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, timeout_at};

/// Why a job did not run to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolError {
    /// Every worker busy and the queue full.
    Busy,
    /// The deadline passed, waiting or working.
    TimedOut,
    /// The work panicked (a bug; the server goes on).
    Panicked,
    /// The server is shutting down.
    Closed,
}

/// Workers and the queue in front of them.
#[derive(Debug)]
pub struct Pool {
    workers: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    jobs: usize,
}

/// Decrements the queue count however the wait ends.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Pool {
    pub fn new(jobs: usize, queue: usize) -> Pool {
        let jobs = jobs.max(1);
        Pool {
            workers: Arc::new(Semaphore::new(jobs)),
            waiting: AtomicUsize::new(0),
            queue,
            jobs,
        }
    }

    pub fn jobs(&self) -> usize {
        self.jobs
    }

    /// Runs `work` on a worker: at once when one is free, after waiting in the queue when
    /// there is room in it, else [`PoolError::Busy`].
    pub async fn run<T, F>(&self, deadline: Instant, work: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = match self.workers.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => self.wait_in_queue(deadline).await?,
        };
        self.work(permit, deadline, work).await
    }

    /// Runs `work` on a worker, waiting for one without a place in the queue: for the files
    /// of a batch, which was admitted as a whole.
    pub async fn run_admitted<T, F>(&self, deadline: Instant, work: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = match timeout_at(deadline, self.workers.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Err(PoolError::Closed),
            Err(_) => return Err(PoolError::TimedOut),
        };
        self.work(permit, deadline, work).await
    }

    /// True when a request would find room (a free worker or a place in the queue).
    pub fn has_room(&self) -> bool {
        self.workers.available_permits() > 0 || self.waiting.load(Ordering::SeqCst) < self.queue
    }

    async fn wait_in_queue(&self, deadline: Instant) -> Result<OwnedSemaphorePermit, PoolError> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(PoolError::Busy);
        }
        let _waiting = Waiting(&self.waiting);
        match timeout_at(deadline, self.workers.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) => Err(PoolError::Closed),
            Err(_) => Err(PoolError::TimedOut),
        }
    }

    async fn work<T, F>(
        &self,
        permit: OwnedSemaphorePermit,
        deadline: Instant,
        work: F,
    ) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        // The permit moves into the thread: it is given back when the work ends, not when
        // the request gives up on it.
        let handle = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        });
        match timeout_at(deadline, handle).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(PoolError::Panicked),
            Err(_) => Err(PoolError::TimedOut),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn soon(ms: u64) -> Instant {
        Instant::now() + Duration::from_millis(ms)
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_and_a_late_job_times_out() {
        let pool = Arc::new(Pool::new(1, 1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let busy_pool = pool.clone();
        let first = tokio::spawn(async move {
            busy_pool
                .run(soon(5_000), move || hold.recv().is_ok())
                .await
        });
        while pool.workers.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let queued_pool = pool.clone();
        let second = tokio::spawn(async move { queued_pool.run(soon(5_000), || 2).await });
        while pool.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(!pool.has_room());
        assert_eq!(pool.run(soon(5_000), || 3).await, Err(PoolError::Busy));
        assert_eq!(
            pool.run_admitted(soon(20), || 4).await,
            Err(PoolError::TimedOut)
        );
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(true));
        assert_eq!(second.await.unwrap(), Ok(2));
        assert!(pool.has_room());
    }

    #[tokio::test]
    async fn a_panic_is_an_error_and_the_worker_comes_back() {
        let pool = Pool::new(1, 0);
        let result: Result<(), PoolError> = pool.run(soon(5_000), || panic!("bug")).await;
        assert_eq!(result, Err(PoolError::Panicked));
        assert_eq!(pool.run(soon(5_000), || 1).await, Ok(1));
    }
}
