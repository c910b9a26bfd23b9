//! pitfall_select_fix_recv: `select!` waits only on `recv`, which is cancel-safe, and the words of
//! the message being read live outside the loop, so a tick loses nothing.
//!
//! A sender sends two messages of three words each, one word every 0.6 s, from 0.3 s on. The
//! receiver reads whole messages, and also prints a tick every 1.2 s. Each tick comes in the middle
//! of a message.
//! Run: `cargo run --example pitfall_select_fix_recv` (about 3.3 s). Compare with
//! `pitfall_select_bug`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at, sleep_until};
use workbook::{say, summary};

const WORDS: [&str; 6] = ["one", "two", "three", "four", "five", "six"];
const WORDS_PER_MESSAGE: usize = 3;

/// Sends the words, one every 0.6 s from 0.3 s on, then closes the channel.
async fn send_words(sender: mpsc::Sender<&'static str>, start: Instant) {
    for (n, word) in (0u64..).zip(WORDS) {
        sleep_until(start + Duration::from_millis(300 + 600 * n)).await;
        if sender.send(word).await.is_err() {
            return;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The printed times count from the first `say`; the sender's and the ticks' times count from
    // `start`, taken just after it, so that nothing is printed earlier than planned.
    say("waiting for messages");
    let start = Instant::now();
    let (sender, mut receiver) = mpsc::channel(WORDS.len());
    tokio::spawn(send_words(sender, start));
    let mut ticks = interval_at(
        start + Duration::from_millis(1200),
        Duration::from_millis(1200),
    );
    let mut messages = 0;
    // The message being read lives here, outside the future that `select!` may drop.
    let mut words = Vec::new();
    loop {
        tokio::select! {
            // `recv` is cancel-safe: if the tick wins, no word has been taken from the channel.
            word = receiver.recv() => match word {
                Some(word) => {
                    words.push(word);
                    say(format!("read \"{word}\", word {} of the message", words.len()));
                    if words.len() == WORDS_PER_MESSAGE {
                        messages += 1;
                        say(format!("message: {}", words.join(" ")));
                        words.clear();
                    }
                }
                None => break,
            },
            _ = ticks.tick() => say("tick"),
        }
    }
    say(format!(
        "the sender is done; complete messages: {messages} of 2"
    ));
    summary();
}
