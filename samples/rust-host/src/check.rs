//! `--check`: what samples/c-host/main.c checks, from Rust: every error code of the interface and that streams
//! stepped together (sine_step_batch) give what each gives alone (sine_step).
use crate::sine::*;
use std::ffi::c_void;
use std::ptr;

struct Checker {
    failures: usize,
}

impl Checker {
    fn expect(&mut self, call: &str, got: i32, want: i32) {
        println!("{call:<58} -> {got}");
        if got != want {
            eprintln!("error: {call} returned {got}, expected {want}");
            self.failures += 1;
        }
    }
}

/// Runs every check; Ok(()) when all codes are as sine.h documents.
pub fn run() -> Result<(), String> {
    let mut c = Checker { failures: 0 };
    let input = [0.5f32, 0.25];
    let mut output = [0f32; 2 * OUTPUT_SIZE];
    let mut state = Box::new(State::new());
    // An aligned buffer one alignment longer than a state, so that the address one past its start (misaligned)
    // still has a whole state's bytes behind it, as in the C host.
    #[repr(C, align(16))]
    struct Fresh([u8; STATE_SIZE + STATE_ALIGNMENT]);
    let mut fresh = Box::new(Fresh([0; STATE_SIZE + STATE_ALIGNMENT]));
    let (inp, out) = (input.as_ptr(), output.as_mut_ptr());
    let size = STATE_SIZE;
    // SAFETY: every pointer points at a buffer at least as long as the length passed with it, or is deliberately
    // NULL/misaligned/short to provoke the documented error, which the library reports without touching memory.
    unsafe {
        let s = state.ptr();
        let fresh_state = fresh.0.as_mut_ptr().cast::<c_void>();
        let misaligned = fresh.0.as_mut_ptr().add(1).cast::<c_void>();
        c.expect("sine_step(fresh, ...)", sine_step(fresh_state, size, inp, INPUT_SIZE, out, OUTPUT_SIZE), ERROR_NOT_INITIALIZED);
        c.expect("sine_init(NULL, ...)", sine_init(ptr::null_mut(), size), ERROR_NULL_POINTER);
        c.expect("sine_init(misaligned, ...)", sine_init(misaligned, size), ERROR_MISALIGNED);
        c.expect("sine_init(state, STATE_SIZE - 1)", sine_init(s, size - 1), ERROR_BUFFER_TOO_SMALL);
        c.expect("sine_init(state, STATE_SIZE)", sine_init(s, size), OK);
        c.expect("sine_step(state, ..., NULL input, ...)", sine_step(s, size, ptr::null(), INPUT_SIZE, out, OUTPUT_SIZE), ERROR_NULL_POINTER);
        c.expect("sine_step(state, ..., INPUT_SIZE + 1, ...)", sine_step(s, size, inp, INPUT_SIZE + 1, out, OUTPUT_SIZE), ERROR_WRONG_LENGTH);
        c.expect("sine_step(state, ..., OUTPUT_SIZE - 1)", sine_step(s, size, inp, INPUT_SIZE, out, OUTPUT_SIZE - 1), ERROR_BUFFER_TOO_SMALL);
        c.expect("sine_run(state, 2 steps in, room for 1)", sine_run(s, size, inp, 2 * INPUT_SIZE, out, OUTPUT_SIZE), ERROR_BUFFER_TOO_SMALL);
        c.expect("sine_step(state, ...)", sine_step(s, size, inp, INPUT_SIZE, out, OUTPUT_SIZE), OK);
        c.expect("sine_reset(state, ...)", sine_reset(s, size), OK);
        c.expect("sine_run(state, 2 steps)", sine_run(s, size, inp, 2 * INPUT_SIZE, out, 2 * OUTPUT_SIZE), OK);
        check_reset(&mut c, s);
        check_batch(&mut c, fresh_state);
    }
    if c.failures == 0 {
        println!("all error codes as documented");
        Ok(())
    } else {
        Err(format!("{} call(s) returned other codes than sine.h documents", c.failures))
    }
}

/// After sine_reset a state gives the same outputs as a fresh one: reset really starts a new sequence.
unsafe fn check_reset(c: &mut Checker, s: *mut c_void) {
    let inputs: Vec<f32> = (0..20 * INPUT_SIZE).map(|k| (k % 7) as f32 / 7.0 - 0.5).collect();
    let (mut first, mut again) = (vec![0f32; 20 * OUTPUT_SIZE], vec![0f32; 20 * OUTPUT_SIZE]);
    let size = STATE_SIZE;
    c.expect("sine_init(state, ...) before 20 steps", sine_init(s, size), OK);
    c.expect("sine_run(state, 20 steps)", sine_run(s, size, inputs.as_ptr(), inputs.len(), first.as_mut_ptr(), first.len()), OK);
    c.expect("sine_reset(state, ...) after them", sine_reset(s, size), OK);
    c.expect("sine_run(state, the same 20 steps)", sine_run(s, size, inputs.as_ptr(), inputs.len(), again.as_mut_ptr(), again.len()), OK);
    if first != again {
        eprintln!("error: after sine_reset the same inputs give other outputs");
        c.failures += 1;
    } else {
        println!("{:<58} -> same outputs as after sine_init", "sine_reset then sine_run");
    }
}

/// Two streams stepped together: a bad state anywhere is refused before anything moves, and each stream's outputs
/// equal the same stream stepped alone.
unsafe fn check_batch(c: &mut Checker, never_initialized: *mut c_void) {
    let (mut a, mut b, mut alone) = (Box::new(State::new()), Box::new(State::new()), Box::new(State::new()));
    let (pa, pb, palone) = (a.ptr(), b.ptr(), alone.ptr());
    let size = STATE_SIZE;
    let states = [pa, pb];
    let twice = [pa, pa];
    let uninitialized = [pa, never_initialized];
    let mut input = [0f32; 2 * INPUT_SIZE];
    let mut output = [0f32; 2 * OUTPUT_SIZE];
    let mut solo = [0f32; OUTPUT_SIZE];
    c.expect("sine_init(a, ...)", sine_init(pa, size), OK);
    c.expect("sine_init(b, ...)", sine_init(pb, size), OK);
    c.expect("sine_init(alone, ...)", sine_init(palone, size), OK);
    let (inp, out) = (input.as_mut_ptr(), output.as_mut_ptr());
    c.expect("sine_step_batch(uninitialized, 2, ...)", sine_step_batch(uninitialized.as_ptr(), 2, size, inp, 2 * INPUT_SIZE, out, 2 * OUTPUT_SIZE), ERROR_NOT_INITIALIZED);
    c.expect("sine_step_batch(twice, 2, ...)", sine_step_batch(twice.as_ptr(), 2, size, inp, 2 * INPUT_SIZE, out, 2 * OUTPUT_SIZE), ERROR_DUPLICATE_STATE);
    c.expect("sine_step_batch(states, 2, ..., INPUT_SIZE, ...)", sine_step_batch(states.as_ptr(), 2, size, inp, INPUT_SIZE, out, 2 * OUTPUT_SIZE), ERROR_WRONG_LENGTH);
    for t in 0..50 {
        for (k, value) in input.iter_mut().enumerate() {
            *value = ((t * 7 + k * 3) % 11) as f32 / 11.0 - 0.5;
        }
        let together = sine_step_batch(states.as_ptr(), 2, size, input.as_ptr(), 2 * INPUT_SIZE, output.as_mut_ptr(), 2 * OUTPUT_SIZE);
        let single = sine_step(palone, size, input[INPUT_SIZE..].as_ptr(), INPUT_SIZE, solo.as_mut_ptr(), OUTPUT_SIZE);
        if together != OK || single != OK || solo[..] != output[OUTPUT_SIZE..] {
            eprintln!("error: step {t} of stream 1 differs between sine_step_batch and sine_step");
            c.failures += 1;
            return;
        }
    }
    println!("{:<58} -> same as sine_step, 50 steps", "sine_step_batch(states, 2, ...)");
}
