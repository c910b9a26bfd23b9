//! memo_cache: an async memoizing cache in which concurrent callers of the same key share one
//! computation, like Python's `async_lru`. A naive cache computes the same key again and again.
//!
//! Six callers ask for the forecast of Oslo, Lima, Oslo, Pune, Oslo and Lima, all at once. The
//! forecast service is slow: 0.8 s for Oslo, 1.2 s for Lima, 1.6 s for Pune (waits, as for a web
//! service). Round 1 uses a naive cache, round 2 a cache that shares computations in progress, and
//! round 3 asks again once the cache is warm.
//! Run: `cargo run --example memo_cache` (about 3.2 s).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::join_all;
use tokio::sync::OnceCell;
use workbook::{say, summary, waiting_for};

const CALLERS: [&str; 6] = ["Oslo", "Lima", "Oslo", "Pune", "Oslo", "Lima"];

/// The slow service: a wait of its own for each city, then a forecast.
async fn forecast(city: &str) -> i32 {
    let (tenths, degrees) = match city {
        "Oslo" => (8, 4),
        "Lima" => (12, 19),
        _ => (16, 31),
    };
    tokio::time::sleep(Duration::from_millis(tenths * 100)).await;
    degrees
}

/// Checks the map, and on a miss computes and stores. Two callers that miss at the same time both
/// compute: the first has not stored its result when the second looks.
#[derive(Default)]
struct NaiveCache {
    map: Mutex<HashMap<String, i32>>,
    computations: AtomicUsize,
}

impl NaiveCache {
    async fn get(&self, city: &str) -> i32 {
        if let Some(&degrees) = lock(&self.map).get(city) {
            return degrees;
        }
        // Numbered, so that each computation has a row of its own on the timeline.
        let computation = self.computations.fetch_add(1, Ordering::Relaxed) + 1;
        let bar = waiting_for(&format!("{computation}. {city} (naive)"));
        let degrees = forecast(city).await;
        bar.end();
        lock(&self.map).insert(city.to_string(), degrees);
        degrees
    }
}

/// Stores, for each key, a cell that is filled once. The first caller of a key fills it; callers
/// that come while it is being filled wait on the same cell, and get the same value.
#[derive(Default)]
struct SharedCache {
    map: Mutex<HashMap<String, Arc<OnceCell<i32>>>>,
    computations: AtomicUsize,
}

impl SharedCache {
    async fn get(&self, city: &str) -> i32 {
        // Hold the map's lock only to find or add the cell, never across an `.await`.
        let cell = Arc::clone(lock(&self.map).entry(city.to_string()).or_default());
        let value = cell.get_or_init(|| async {
            let computation = self.computations.fetch_add(1, Ordering::Relaxed) + 1;
            let bar = waiting_for(&format!("{computation}. {city} (shared)"));
            let degrees = forecast(city).await;
            bar.end();
            degrees
        });
        *value.await
    }
}

/// A std `Mutex` is right here: it is held for a moment and never across an `.await`. A poisoned
/// lock only means another caller panicked; the map is still fine to use.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn report(caller: usize, city: &str, degrees: i32) {
    say(format!("caller {caller}: {city} {degrees} °C"));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    say("Round 1: naive cache, six callers at once");
    let naive = NaiveCache::default();
    join_all(CALLERS.iter().enumerate().map(|(i, city)| {
        let naive = &naive;
        async move { report(i + 1, city, naive.get(city).await) }
    }))
    .await;
    let computed = naive.computations.load(Ordering::Relaxed);
    say(format!(
        "  {} callers, {computed} computations",
        CALLERS.len()
    ));

    say("Round 2: shared cache, six callers at once");
    let shared = SharedCache::default();
    let ask_all = || {
        join_all(CALLERS.iter().enumerate().map(|(i, city)| {
            let shared = &shared;
            async move { report(i + 1, city, shared.get(city).await) }
        }))
    };
    ask_all().await;
    let computed = shared.computations.load(Ordering::Relaxed);
    say(format!(
        "  {} callers, {computed} computations",
        CALLERS.len()
    ));

    say("Round 3: the same callers again, the cache is warm");
    ask_all().await;
    let computed = shared.computations.load(Ordering::Relaxed);
    say(format!("  {computed} computations in all"));
    summary();
}
