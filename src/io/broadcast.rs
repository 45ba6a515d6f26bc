//! Telling the app's other tabs that stored data changed (`BroadcastChannel`), so that each
//! shows what is stored rather than overwriting it silently.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name, shared by every tab of the app on this origin.
const CHANNEL: &str = "sse-studio.storage";

/// A subscription to the channel; dropping it stops listening.
#[derive(Debug)]
pub struct Broadcast {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Broadcast {
    /// Listens for other tabs' messages, calling `on_message` with each one's text. `None` where
    /// the browser has no `BroadcastChannel`.
    pub fn open(mut on_message: impl FnMut(String) + 'static) -> Option<Self> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                on_message(text);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs `text` (a tab does not hear its own messages).
    pub fn post(&self, text: &str) {
        let _ = self.channel.post_message(&text.into());
    }
}

impl Drop for Broadcast {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
