//! rust-host: runs the example model through its C interface (samples/c-host/sine.h), linked as the NativeAOT
//! static library. Usage: sine-host INPUT.csv   prints "step,y0" rows like `rnn run` and the C host;
//!                        sine-host --check     the C host's checks of every error code, reset and batching.
mod check;
mod inputs;
mod sine;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 2 {
        eprintln!("usage: {} INPUT.csv | --check", args.first().map_or("sine-host", String::as_str));
        return ExitCode::FAILURE;
    }
    let result = sine::check_interface().and_then(|()| match args[1].as_str() {
        "--check" => check::run(),
        path => run_file(path),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the whole input series from a fresh state and prints the outputs as the C host does.
fn run_file(path: &str) -> Result<(), String> {
    let inputs = inputs::read_inputs(path)?;
    let steps = inputs.len() / sine::INPUT_SIZE;
    let mut outputs = vec![0f32; steps * sine::OUTPUT_SIZE];
    let mut state = Box::new(sine::State::new());
    // SAFETY: the state is STATE_SIZE bytes aligned as sine.h asks; inputs and outputs are as long as the counts passed.
    let status = unsafe {
        match sine::sine_init(state.ptr(), sine::STATE_SIZE) {
            sine::OK => sine::sine_run(state.ptr(), sine::STATE_SIZE, inputs.as_ptr(), steps * sine::INPUT_SIZE,
                outputs.as_mut_ptr(), outputs.len()),
            status => status,
        }
    };
    if status != sine::OK {
        return Err(format!("sine_run returned {status}"));
    }
    let header: Vec<String> = (0..sine::OUTPUT_SIZE).map(|k| format!("y{k}")).collect();
    println!("step,{}", header.join(","));
    for (t, row) in outputs.chunks(sine::OUTPUT_SIZE).enumerate() {
        // Display prints the shortest decimal that reads back as the same float32 (the C host's "%.9g" also
        // round-trips); compare-outputs.sh compares the numbers, not their spelling.
        let values: Vec<String> = row.iter().map(|v| v.to_string()).collect();
        println!("{t},{}", values.join(","));
    }
    Ok(())
}
