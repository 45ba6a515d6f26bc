//! How many relayed streams may be open at once: in total and per client address, so that one
//! client (or a page stuck in a reconnect loop) cannot take every socket and file descriptor
//! the server has. A stream holds its [`Admission`] until its body is dropped (ended, or the
//! client went away).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// The counts of open relayed streams. One mutex owns them: each admission and release is a
/// few instructions under it, and a release happens in `Drop`, which cannot wait on a task.
#[derive(Debug)]
pub struct Admissions {
    max_total: usize,
    max_per_client: usize,
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// Why a stream was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// `max_total` streams are open.
    Total(usize),
    /// `max_per_client` streams of this client are open.
    Client(usize),
}

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Total(max) => write!(
                f,
                "The relay already carries {max} streams (--max-streams). Close one, or try again shortly."
            ),
            Self::Client(max) => write!(
                f,
                "You already have {max} streams open through the relay (--max-streams-per-client). Close one, or try again shortly."
            ),
        }
    }
}

/// One admitted stream; dropping it frees its place.
#[derive(Debug)]
pub struct Admission {
    admissions: Arc<Admissions>,
    client: IpAddr,
}

impl Admissions {
    /// Counts allowing `max_total` streams, `max_per_client` from one address.
    pub fn new(max_total: usize, max_per_client: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total,
            max_per_client,
            open: Mutex::new(Open::default()),
        })
    }

    /// A place for one more stream from `client`.
    ///
    /// # Errors
    /// [`Full`] when either cap is reached.
    pub fn admit(self: &Arc<Self>, client: IpAddr) -> Result<Admission, Full> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if open.total >= self.max_total {
            return Err(Full::Total(self.max_total));
        }
        let of_client = open.per_client.entry(client).or_insert(0);
        if *of_client >= self.max_per_client {
            return Err(Full::Client(self.max_per_client));
        }
        *of_client += 1;
        open.total += 1;
        Ok(Admission {
            admissions: Arc::clone(self),
            client,
        })
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        let mut open = self
            .admissions
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        open.total = open.total.saturating_sub(1);
        if let Some(count) = open.per_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.per_client.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_its_cap_is_refused_while_others_are_admitted() {
        let admissions = Admissions::new(3, 2);
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        let first = admissions.admit(a).expect("first");
        let _second = admissions.admit(a).expect("second");
        assert_eq!(admissions.admit(a).err(), Some(Full::Client(2)));
        let _other = admissions.admit(b).expect("another client");
        assert_eq!(admissions.admit(b).err(), Some(Full::Total(3)));
        drop(first);
        assert!(
            admissions.admit(a).is_ok(),
            "a closed stream frees its place"
        );
    }
}
