#![allow(clippy::print_stdout)]
fn main() {
    let c = gazette_benches::load();
    let t0 = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..20 { for t in &c.texts { n += t.bytes().filter(|&b| b == b' ').count(); } }
    let e0 = t0.elapsed();
    let t1 = std::time::Instant::now();
    let mut m = 0usize;
    for _ in 0..20 { for t in &c.texts { m += gazette_tokenizer::tokenize(t).len(); } }
    let e1 = t1.elapsed();
    let tk = gazette_tokenizer::Tokenizer::new();
    let t2 = std::time::Instant::now();
    let mut k = 0usize;
    for _ in 0..20 { for t in &c.texts { k += tk.analyze(t).sentences.len(); } }
    let e2 = t2.elapsed();
    let mb = c.bytes() as f64 * 20.0 / 1e6;
    println!("spaces {n} {:.0} MB/s; tokens {m} {:.0} MB/s; sentences {k} {:.0} MB/s", mb / e0.as_secs_f64(), mb / e1.as_secs_f64(), mb / e2.as_secs_f64());
}
