//! What one request may cost the server: body size, time, workers and the queue in front of
//! them, batch sizes, and how long results are kept. Set from `unei serve`'s options; the
//! importer's own limits (`UNEI_MAX_*`) apply beneath these to every workbook, in a batch too.

use std::time::Duration;

/// The limits in force.
#[derive(Debug, Clone)]
pub struct Limits {
    /// `--max-upload-mb`: the largest request body (a plan, workbook, page or batch zip).
    pub body_bytes: u64,
    /// `--timeout`: the body must arrive, and the work end, within this each.
    pub timeout: Duration,
    /// `--jobs`: workers that import and render (the blocking pool).
    pub jobs: usize,
    /// `--queue`: requests that may wait for a worker; one more is answered 503.
    pub queue: usize,
    /// `--max-requests`: requests handled at once (uploads being received included); one
    /// more is answered 503 before its body is read.
    pub requests: usize,
    /// Files in one batch zip.
    pub batch_files: usize,
    /// Batches running at once.
    pub batches: usize,
    /// The importer's limits (also bound what a batch zip may unpack to).
    pub import: unei_import::Limits,
    /// How long a result (report, PDF, batch zip) stays downloadable.
    pub keep_results: Duration,
    /// The most bytes of results kept; the oldest go first.
    pub results_bytes: usize,
}

impl Limits {
    /// Seconds a client is told to wait when the server is busy (`Retry-After`).
    pub fn retry_after(&self) -> u64 {
        2
    }

    pub fn timeout_seconds(&self) -> u64 {
        self.timeout.as_secs().max(1)
    }

    pub fn body_mib(&self) -> u64 {
        self.body_bytes >> 20
    }
}

impl Default for Limits {
    fn default() -> Self {
        let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            body_bytes: 50 << 20,
            timeout: Duration::from_secs(60),
            jobs,
            queue: jobs * 8,
            requests: 64,
            batch_files: 1000,
            batches: 2,
            import: unei_import::Limits::default(),
            keep_results: Duration::from_secs(3600),
            results_bytes: 512 << 20,
        }
    }
}

/// Parses `--timeout`: seconds, fractions allowed (`60`, `0.5`).
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| format!("{text:?}: give seconds, e.g. 60 or 0.5"))?;
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!("{text:?}: between 0 and 86400 seconds"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_parse_in_seconds() {
        assert_eq!(parse_seconds("60"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_seconds("0.25s"), Ok(Duration::from_millis(250)));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("soon").is_err());
        assert!(parse_seconds("NaN").is_err());
    }
}
