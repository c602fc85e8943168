#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aispend_fuzz::run_pdf(data));
