//! A break in the app's start: [`HydrationBreak`] wraps a large part of the
//! page (the routed page, the friend activity, the player bar) so that the
//! browser hydrates it in a task of its own instead of in one long task
//! with everything before it. Use it only at the shell's top level, where
//! the browser entry hydrates asynchronously (`hydrate_from_async`); inside
//! a synchronous hydration (a `Suspense`'s content) it cannot break.
//!
//! Why: on a phone the start's long task blocks input (Lighthouse's TBT);
//! the hydration is most of it. The server renders the wrapped view as it
//! is, and a browser without `scheduler.yield()` hydrates it without a
//! break. Until the whole page is hydrated, the browser entry holds the
//! app's spawned tasks and keeps the user's input from the app's handlers,
//! so nothing run in a break changes what is yet to be hydrated.

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// Hydrates its view after yielding to the browser (see the module doc).
pub struct HydrationBreak<V>(pub V);

impl<V: Render> Render for HydrationBreak<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state);
    }
}

impl<V: AddAnyAttr> AddAnyAttr for HydrationBreak<V> {
    type Output<SomeNewAttr: Attribute> = HydrationBreak<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        HydrationBreak(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for HydrationBreak<V> {
    type AsyncOutput = HydrationBreak<V::AsyncOutput>;
    type Owned = HydrationBreak<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        HydrationBreak(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        #[cfg(feature = "hydrate")]
        if let Some(resume) = scheduler_yield() {
            let _ = resume.await;
        }
        self.0.hydrate_async(cursor, position).await
    }

    fn into_owned(self) -> Self::Owned {
        HydrationBreak(self.0.into_owned())
    }
}

/// `scheduler.yield()`: the browser may paint and take input, then goes on
/// where it is awaited before the tasks queued meanwhile. `None` where the
/// browser has no such thing.
#[cfg(feature = "hydrate")]
fn scheduler_yield() -> Option<wasm_bindgen_futures::JsFuture> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let scheduler = Reflect::get(&js_sys::global(), &"scheduler".into())
        .ok()
        .filter(JsValue::is_object)?;
    let method: Function = Reflect::get(&scheduler, &"yield".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = method.call0(&scheduler).ok()?.dyn_into().ok()?;
    Some(promise.into())
}
