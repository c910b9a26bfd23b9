//! Exercise 03's fixed parts: the jobs and the report. The exercise is `gather`.

use std::time::Duration;

use workbook::{say, waiting};

/// The jobs, in the order they are asked for: a name and a length in seconds. They end in another
/// order (A first, C last), and neither order is the order of their names.
pub const JOBS: [(&str, f64); 4] = [("C", 2.0), ("A", 0.5), ("D", 1.5), ("B", 1.0)];

/// One job: it prints when it starts and ends, and returns its result.
pub async fn job(name: &'static str, seconds: f64) -> String {
    let bar = waiting(name, Duration::from_secs_f64(seconds));
    say(format!("{name} starts"));
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

/// Prints the results, in the order `gather` returned them.
pub fn report(results: &[String]) {
    say(format!("Results: {results:?}"));
}
