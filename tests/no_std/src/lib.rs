//! A `#![no_std]` host of the core: one exported function that evaluates a request.
#![no_std]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicUsize, Ordering};

const ARENA: usize = 1 << 20;

/// A bump allocator over a static arena: enough to prove linking, not for real use.
struct Bump {
    arena: UnsafeCell<[u8; ARENA]>,
    next: AtomicUsize,
}

// SAFETY: allocation hands out disjoint ranges through an atomic cursor.
unsafe impl Sync for Bump {}

unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut start = 0;
        let ok = self.next.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            start = (n + layout.align() - 1) & !(layout.align() - 1);
            let end = start.checked_add(layout.size())?;
            (end <= ARENA).then_some(end)
        });
        match ok {
            Ok(_) => unsafe { (self.arena.get() as *mut u8).add(start) },
            Err(_) => core::ptr::null_mut(),
        }
    }
    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

#[global_allocator]
static ALLOC: Bump = Bump { arena: UnsafeCell::new([0; ARENA]), next: AtomicUsize::new(0) };

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Evaluates `len` bytes of request JSON and returns the length of the response.
#[no_mangle]
pub extern "C" fn shftu_eval_len(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    match core::str::from_utf8(bytes) {
        Ok(s) => shftu_rules::evaluate(s).len(),
        Err(_) => 0,
    }
}
