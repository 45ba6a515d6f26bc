//! `ResizeObserver`: told when an element's size changes — by a splitter, a folded panel, the
//! window — which a window `resize` event alone does not say.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::ResizeObserver;

/// Watches one element until dropped.
pub struct ResizeWatch {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_resize` each time `element`'s size changes (and once as it starts watching);
/// `None` in a browser without `ResizeObserver` (then only what else re-measures it does).
pub fn watch(element: &web_sys::Element, on_resize: impl FnMut() + 'static) -> Option<ResizeWatch> {
    let on_resize = Closure::<dyn FnMut()>::new(on_resize);
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(ResizeWatch {
        observer,
        _on_resize: on_resize,
    })
}
