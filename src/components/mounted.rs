//! `Mounted`: whether a component's view is still on the page, so that an animation frame it
//! asked for does nothing once the view is gone (a tab switched or closed) instead of reaching
//! the component's disposed signals.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

/// A flag cleared when the owner current at [`Mounted::new`] is cleaned up (a `Copy`-free handle:
/// clone it into each callback).
#[derive(Debug, Clone)]
pub struct Mounted(Arc<AtomicBool>);

impl Mounted {
    /// A flag for the component being built now; cleared by that component's cleanup, which
    /// Leptos runs before it disposes the component's signals.
    pub fn new() -> Self {
        let is_mounted = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&is_mounted);
        on_cleanup(move || flag.store(false, Ordering::Relaxed));
        Self(is_mounted)
    }

    /// Runs `f` in the next animation frame if the component is still mounted then.
    pub fn next_frame(&self, f: impl FnOnce() + 'static) {
        let is_mounted = Arc::clone(&self.0);
        request_animation_frame(move || {
            if is_mounted.load(Ordering::Relaxed) {
                f();
            }
        });
    }
}
