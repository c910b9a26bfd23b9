//! Exercise 08: three producers and two consumers share a bounded queue: nothing lost, nothing
//! taken twice.

use std::collections::BTreeMap;
use std::time::Duration;

use exercises::ex08::{CAPACITY, ITEMS_EACH as ITEMS, PACKING, PRODUCERS};

use super::{JITTER, and_list, between, ended, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

const CONSUMERS: u32 = 2;

pub const EXERCISE: Exercise = Exercise {
    number: "08",
    name: "queue",
    title: "Producers and consumers",
    limit: Duration::from_secs(10),
    starter_fails: "two_consumers",
    stuck: "Every consumer waits for the next item until the queue is closed, and the queue closes \
            when its last sender is dropped. Is a sender still alive somewhere, or is a consumer \
            waiting for another one?",
    sites: &[],
    checks: &[
        Check {
            id: "produced",
            requirement: "three producers queue 4 items each: items 1-1 to 3-4",
            test: produced,
        },
        Check {
            id: "all_packed",
            requirement: "nothing is lost: every item queued is taken by a consumer and packed \
                          (0.3 s) before main returns",
            test: all_packed,
        },
        Check {
            id: "nothing_twice",
            requirement: "nothing is taken twice",
            test: nothing_twice,
        },
        Check {
            id: "two_consumers",
            requirement: "two consumers share the work: each takes 3 items or more",
            test: two_consumers,
        },
        Check {
            id: "bounded",
            requirement: "the queue stays bounded: at any moment at most 2 items wait in it",
            test: bounded,
        },
        Check {
            id: "in_time",
            requirement: "the run takes at most 2.6 s: the two consumers pack at the same time",
            test: in_time,
        },
    ],
};

fn items() -> Vec<String> {
    (1..=PRODUCERS)
        .flat_map(|p| (1..=ITEMS).map(move |i| format!("{p}-{i}")))
        .collect()
}

/// Who took each item, in the order taken: item -> consumers.
fn takers(run: &Run) -> BTreeMap<String, Vec<String>> {
    let mut takers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in run.lines_starting("consumer ") {
        if let Some((consumer, item)) = line.text.split_once(" took ") {
            takers
                .entry(item.to_string())
                .or_default()
                .push(consumer.to_string());
        }
    }
    takers
}

fn queued(run: &Run, item: &str) -> usize {
    run.events
        .iter()
        .filter(|e| e.text.starts_with("producer ") && e.text.ends_with(&format!(" queued {item}")))
        .count()
}

fn produced(run: &Run) -> Result<(), String> {
    let missing: Vec<String> = items()
        .into_iter()
        .filter(|i| queued(run, i) == 0)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if missing.len() == items().len() {
        return Err(format!("{} before any item was queued.", ended(run)));
    }
    Err(format!(
        "Item {} was never queued (\"producer N queued ...\").",
        and_list(&missing)
    ))
}

fn all_packed(run: &Run) -> Result<(), String> {
    let takers = takers(run);
    let lost: Vec<String> = items()
        .into_iter()
        .filter(|item| !takers.contains_key(item))
        .collect();
    if !lost.is_empty() {
        return Err(format!(
            "{} {} queued but no consumer took {}: main returned at {}, while {} waited in the \
             queue.\nIs every consumer waited for before main returns?",
            and_list(&lost),
            if lost.len() == 1 { "was" } else { "were" },
            if lost.len() == 1 { "it" } else { "them" },
            run.took(),
            if lost.len() == 1 { "it" } else { "they" },
        ));
    }
    let main_returned = run.total.map_or(run.wall, |(_, seen)| seen);
    for item in items() {
        for took in run.events.iter().filter(|e| {
            e.text.starts_with("consumer ") && e.text.ends_with(&format!(" took {item}"))
        }) {
            let consumer = took.text.split(" took ").next().unwrap_or_default();
            let packed_text = format!("{consumer} packed {item}");
            let packed = run.events.iter().find(|e| e.text == packed_text);
            match packed {
                Some(packed) if packed.seen <= main_returned => {
                    if between(took, packed) + JITTER < PACKING {
                        return Err(format!(
                            "{consumer} took {item} at {} and packed it at {}: less than the \
                             {} s packing takes.",
                            took.at,
                            packed.at,
                            PACKING.as_secs_f64()
                        ));
                    }
                }
                Some(packed) => {
                    return Err(format!(
                        "{consumer} packed {item} at {}, after main had returned at {}: \
                         nothing waited for that consumer.",
                        packed.at,
                        Tenths::of(main_returned)
                    ));
                }
                None => {
                    return Err(format!(
                        "{} took {item} at {}, and the program ended at {} while it \
                         was being packed: {item} was never packed.\nmain returned without \
                         waiting for that consumer to finish.",
                        capitalized(consumer),
                        took.at,
                        run.took()
                    ));
                }
            }
        }
    }
    Ok(())
}

fn nothing_twice(run: &Run) -> Result<(), String> {
    for (item, consumers) in takers(run) {
        if consumers.len() > 1 {
            return Err(format!(
                "Item {item} was taken {} times, by {}.\nEach item goes to one consumer: a \
                 channel that gives every item to every receiver is a broadcast, not a queue.",
                consumers.len(),
                and_list(&consumers)
            ));
        }
    }
    Ok(())
}

fn two_consumers(run: &Run) -> Result<(), String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for consumers in takers(run).into_values() {
        for consumer in consumers {
            *counts.entry(consumer).or_default() += 1;
        }
    }
    let shares: Vec<String> = counts
        .iter()
        .map(|(consumer, n)| format!("{consumer} took {n}"))
        .collect();
    let busy = counts.values().filter(|&&n| n >= 3).count();
    if counts.len() as u32 >= CONSUMERS && busy as u32 >= CONSUMERS {
        return Ok(());
    }
    if counts.len() == 1 {
        return Err(format!(
            "Only {}: one consumer did all the packing.\nRun two consumers at the same time, \
             taking items from the same queue.",
            shares.join("")
        ));
    }
    Err(format!(
        "{}: the work was not shared between two consumers.",
        and_list(&shares)
    ))
}

fn bounded(run: &Run) -> Result<(), String> {
    // Items queued and not yet taken, line by line. A line of one task can come a moment after a
    // line of another on a multi-threaded runtime, so allow one item per consumer on top.
    let mut waiting: i64 = 0;
    for line in &run.events {
        if line.text.starts_with("producer ") && line.text.contains(" queued ") {
            waiting += 1;
        } else if line.text.starts_with("consumer ") && line.text.contains(" took ") {
            waiting -= 1;
        }
        if waiting > (CAPACITY as u32 + CONSUMERS) as i64 {
            return Err(format!(
                "At {}, {waiting} items had been queued and not taken yet: the queue is not \
                 bounded, and the producers never wait for the consumers.",
                line.at
            ));
        }
    }
    Ok(())
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 2.6).map_err(|took| {
        format!(
            "{took} 12 items of 0.3 s are 3.6 s of packing for one consumer, about 1.8 s for \
             two at once.\nDoes one consumer hold on to the queue while it packs?"
        )
    })
}

/// `Consumer 2` of `consumer 2`.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
