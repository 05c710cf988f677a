//! Splitting work over the machine's cores, with results in input order.
//!
//! Only the few steps that grow with the size of a week use it (parsing a
//! large file, building and writing a large calendar). The output never
//! depends on the number of threads: work is cut into contiguous runs and
//! the results are put back together in order.

/// Most threads used for one step.
pub const MAX_THREADS: usize = 8;

/// How many threads a step may use: the cores available, at most [`MAX_THREADS`].
/// Asked of the system once (on Linux that reads the cgroup quota files).
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
    })
}

/// Applies `f` to contiguous runs of `items`, on up to [`threads`] threads
/// when there are at least `min_per_thread` items per thread, and returns
/// the results in the order of the runs. With few items, one run on the
/// calling thread.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    min_per_thread: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let n = threads().min(items.len() / min_per_thread.max(1)).max(1);
    if n == 1 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(n);
    std::thread::scope(|scope| {
        let mut runs = items.chunks(size);
        let first = runs.next().unwrap_or_default();
        let others: Vec<_> = runs.map(|run| scope.spawn(|| f(run))).collect();
        let mut out = Vec::with_capacity(n);
        out.push(f(first));
        for h in others {
            match h.join() {
                Ok(r) => out.push(r),
                // A panic in a worker is a bug; pass it on unchanged.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_come_back_in_order_and_cover_everything() {
        let items: Vec<u32> = (0..10_001).collect();
        let runs = map_runs(&items, 100, <[u32]>::to_vec);
        assert_eq!(runs.concat(), items);
        assert_eq!(map_runs(&items[..5], 100, <[u32]>::len), vec![5]);
        assert_eq!(map_runs::<u32, usize>(&[], 100, <[u32]>::len), vec![0]);
    }
}
