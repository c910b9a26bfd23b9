// `select!` on a sleep by reference, so that the same sleep goes on over several rounds of a loop:
// `&mut sleep` is a future only if the sleep may be moved, and a tokio `Sleep` may not (it is
// `!Unpin`). The fix: `let mut sleep = std::pin::pin!(tokio::time::sleep(...));`.

use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut sleep = tokio::time::sleep(Duration::from_secs(1));
    for round in 1..=3 {
        tokio::select! {
            _ = &mut sleep => println!("the second is up"),
            _ = tokio::time::sleep(Duration::from_millis(300)) => println!("round {round}"),
        }
    }
}
