//! `Toaster`: the app's one toast, shared by every tab: short confirmations ("Copied data") and
//! errors, each shown for two seconds.

use leptos::prelude::*;

/// The toast's message, if one is showing.
#[derive(Debug, Clone, Copy)]
pub struct Toaster {
    /// What the toast says now.
    pub message: RwSignal<Option<String>>,
}

impl Toaster {
    /// A toaster showing nothing.
    pub fn new() -> Self {
        Self {
            message: RwSignal::new(None),
        }
    }

    /// Shows `message` for two seconds (unless another replaces it first).
    pub fn notify(self, message: impl Into<String>) {
        let message = message.into();
        self.message.set(Some(message.clone()));
        set_timeout(
            move || {
                if self.message.get_untracked().as_deref() == Some(message.as_str()) {
                    self.message.set(None);
                }
            },
            std::time::Duration::from_secs(2),
        );
    }

    /// Copies `text` to the clipboard and confirms with a toast naming `what` ("Copied data"), or
    /// says why it could not.
    pub fn copy(self, what: &'static str, text: String) {
        leptos::task::spawn_local(async move {
            match crate::io::clipboard::write_text(&text).await {
                Ok(()) => self.notify(format!("Copied {what}")),
                Err(message) => self.notify(message),
            }
        });
    }
}
