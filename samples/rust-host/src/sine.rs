//! The C interface of samples/c-host/sine.h, declared for Rust: constants copied from the header (the program
//! compares them with what the linked library reports, as the C host does) and the entry points.
use std::ffi::c_void;

pub const ABI_VERSION: u32 = 1;
pub const INPUT_SIZE: usize = 1;
pub const OUTPUT_SIZE: usize = 1;
pub const STATE_SIZE: usize = 440;
pub const STATE_ALIGNMENT: usize = 16;

pub const OK: i32 = 0;
pub const ERROR_NULL_POINTER: i32 = -1;
pub const ERROR_WRONG_LENGTH: i32 = -2;
pub const ERROR_MISALIGNED: i32 = -3;
pub const ERROR_BUFFER_TOO_SMALL: i32 = -4;
pub const ERROR_NOT_INITIALIZED: i32 = -5;
pub const ERROR_DUPLICATE_STATE: i32 = -7;

/// A state buffer as sine.h asks for it: SINE_STATE_SIZE bytes aligned to SINE_STATE_ALIGNMENT (the align attribute
/// must be a literal; `check_interface` fails if the library wants more).
#[repr(C, align(16))]
pub struct State(pub [u8; STATE_SIZE]);

impl State {
    pub const fn new() -> Self {
        State([0; STATE_SIZE])
    }
    pub fn ptr(&mut self) -> *mut c_void {
        self.0.as_mut_ptr().cast()
    }
}

extern "C" {
    pub fn sine_abi_version() -> u32;
    pub fn sine_input_size() -> i32;
    pub fn sine_output_size() -> i32;
    pub fn sine_state_size() -> usize;
    pub fn sine_state_alignment() -> usize;
    pub fn sine_init(state: *mut c_void, state_size: usize) -> i32;
    pub fn sine_reset(state: *mut c_void, state_size: usize) -> i32;
    pub fn sine_step(state: *mut c_void, state_size: usize, input: *const f32, input_count: usize,
        output: *mut f32, output_capacity: usize) -> i32;
    pub fn sine_step_batch(states: *const *mut c_void, state_count: usize, state_size: usize,
        inputs: *const f32, input_count: usize, outputs: *mut f32, output_capacity: usize) -> i32;
    pub fn sine_run(state: *mut c_void, state_size: usize, inputs: *const f32, input_count: usize,
        outputs: *mut f32, output_capacity: usize) -> i32;
}

/// Whether the linked library is the one sine.h (and so this file) describes.
pub fn check_interface() -> Result<(), String> {
    // SAFETY: queries without arguments.
    let matches = unsafe {
        sine_abi_version() == ABI_VERSION && sine_input_size() as usize == INPUT_SIZE
            && sine_output_size() as usize == OUTPUT_SIZE && sine_state_size() <= STATE_SIZE
            && sine_state_alignment() == STATE_ALIGNMENT
    };
    if matches {
        Ok(())
    } else {
        // SAFETY: as above.
        let linked = unsafe { sine_abi_version() };
        Err(format!("sine.h (ABI {ABI_VERSION}) does not match the linked library (ABI {linked})"))
    }
}
