//! Links libsine.a and the NativeAOT runtime archives listed in libsine.link (both written by
//! `dotnet publish samples/NativeLibrary -p:NativeLib=Static`), found in $SINE_LIB_DIR.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=SINE_LIB_DIR");
    let dir = match env::var("SINE_LIB_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => fail("SINE_LIB_DIR is not set: point it at the folder holding libsine.a and libsine.link (the static publish of samples/NativeLibrary)"),
    };
    let dir = fs::canonicalize(&dir).unwrap_or_else(|e| fail(&format!("SINE_LIB_DIR {}: {e}", dir.display())));
    let link_file = dir.join("libsine.link");
    let link_line = fs::read_to_string(&link_file).unwrap_or_else(|e| fail(&format!("{}: {e}", link_file.display())));
    println!("cargo:rerun-if-changed={}", link_file.display());
    println!("cargo:rerun-if-changed={}", dir.join("libsine.a").display());

    println!("cargo:rustc-link-search=native={}", dir.display());
    // The archive holds the model's objects; the runtime archives and system libraries after it resolve them.
    println!("cargo:rustc-link-lib=static=sine");
    // libsine.link is a C compiler's link line (archives, -pthread, -l…, -Wl,…); rustc links through cc, so each
    // word goes to it unchanged and in order. Its -Wl,-z,nostart-stop-gc keeps the runtime's __modules section,
    // which rustc's --gc-sections would otherwise drop ("undefined symbol: __start___modules").
    for word in link_line.split_whitespace() {
        println!("cargo:rustc-link-arg={word}");
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
