//! Reads the inputs CSV the C host reads: one value per line, an optional header line first.
use std::fs;

pub fn read_inputs(path: &str) -> Result<Vec<f32>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut values = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        // Like strtof in the C host: the leading number of the line counts, the rest (e.g. more columns) is ignored.
        let first = line.split(',').next().unwrap_or("").trim();
        match first.parse::<f32>() {
            Ok(value) => values.push(value),
            Err(_) if number == 1 => continue, // header
            Err(_) => {
                let shown: String = line.chars().take(40).collect();
                return Err(format!("{path}:{number}: expected a number, found \"{shown}\""));
            }
        }
    }
    Ok(values)
}
