//! The floor of a render: a trivial Rust binary that starts, reads the plan file and writes as
//! many bytes as unei's PDF has. `bench/bench.py` compiles it with `rustc -O` and times it
//! beside unei, so unei's time above process start and I/O is visible.
//! Usage: floor PLAN OUT BYTES

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, plan, out, bytes] = args.as_slice() else {
        return Err(std::io::Error::other("usage: floor PLAN OUT BYTES"));
    };
    let input = std::fs::read(plan)?;
    let size: usize = bytes.parse().map_err(std::io::Error::other)?;
    let output: Vec<u8> = input.iter().copied().cycle().take(size).collect();
    std::fs::write(out, output)
}
