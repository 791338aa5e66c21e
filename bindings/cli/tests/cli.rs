//! The `shftu-rules` binary as a program drives it: one answer line per input line, exit statuses, a closed
//! stdout, arguments that are not UTF-8, and memory that stays flat on a 1 GB stream with over-long lines.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const EXE: &str = env!("CARGO_BIN_EXE_shftu-rules");
const OK_LINE: &str = "{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":1}}\n";

fn run(args: &[&str], stdin: &[u8]) -> Result<(Option<i32>, String, String), Box<dyn std::error::Error>> {
    let mut child = Command::new(EXE)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child.stdin.take().ok_or("stdin")?.write_all(stdin)?;
    let out = child.wait_with_output()?;
    Ok((
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn whitespace_lines_each_get_one_answer() -> TestResult {
    // printf '   \n\t\n' | shftu-rules eval | wc -l  prints 2; NBSP, U+3000, VT and FF lines too.
    let (code, out, _) = run(&["eval"], "   \n\t\n\u{a0}\n\u{3000}\n\x0b\n\x0c\n".as_bytes())?;
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(out.lines().all(|l| l.contains("\"code\":\"invalid_json\"")), "{out}");
    assert_eq!(code, Some(1), "blank requests are not ok");
    Ok(())
}

#[test]
fn exit_status_is_0_when_all_ok_1_when_some_failed_2_on_usage() -> TestResult {
    assert_eq!(run(&["eval"], OK_LINE.as_bytes())?.0, Some(0));
    assert_eq!(run(&["eval"], format!("{OK_LINE}nope\n").as_bytes())?.0, Some(1));
    assert_eq!(run(&["eval", "--exit-zero"], format!("{OK_LINE}nope\n").as_bytes())?.0, Some(0));
    let (code, _, err) = run(&["eval", "--frobnicate"], b"")?;
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown option"), "{err}");
    Ok(())
}

#[test]
fn eval_help_is_help() -> TestResult {
    let (code, out, _) = run(&["eval", "--help"], b"")?;
    assert_eq!(code, Some(0));
    assert!(out.contains("EXIT STATUS") && out.contains("--json-seq"), "{out}");
    Ok(())
}

#[test]
#[cfg(unix)]
fn an_argument_that_is_not_utf8_is_a_usage_error_not_a_panic() -> TestResult {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(EXE).arg(std::ffi::OsStr::from_bytes(b"ev\xffal")).output()?;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not utf-8") && !err.contains("panicked"), "{err}");
    Ok(())
}

#[test]
fn a_closed_stdout_ends_quietly() -> TestResult {
    let mut child = Command::new(EXE)
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("stdin")?;
    let writer = std::thread::spawn(move || {
        for _ in 0..200_000 {
            if stdin.write_all(OK_LINE.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().ok_or("stdout")?).read_line(&mut first)?;
    assert!(first.starts_with("{\"ok\":true"));
    // The reader goes away (`| head -1`): the stdout handle was dropped with the BufReader.
    let status = child.wait()?;
    let _ = writer.join();
    let mut err = String::new();
    child.stderr.take().ok_or("stderr")?.read_to_string(&mut err)?;
    assert_eq!(status.code(), Some(141), "the conventional status of a closed pipe");
    assert!(err.is_empty(), "quietly: {err}");
    Ok(())
}

/// Peak resident memory (VmHWM) of a process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[cfg(target_os = "linux")]
fn memory_stays_flat_on_a_1_gb_stream_with_over_long_lines() -> TestResult {
    // 200 blocks of: one 5 MB line (past the 4 MiB limit: skipped, never held), one line just under the limit
    // with more values than the limit allows (refused before parsing), and 1,000 ordinary requests.
    let item = "{\"package\":\"L1\",\"count\":1},";
    let long = format!(
        "{{\"rule\":\"checkup.quote\",\"input\":{{\"lines\":[{}{{\"package\":\"L1\",\"count\":1}}]}}}}\n",
        item.repeat(5_000_000 / item.len())
    );
    let many = format!(
        "{{\"rule\":\"checkup.quote\",\"input\":{{\"lines\":[{}{{\"package\":\"L1\",\"count\":1}}]}}}}\n",
        item.repeat(4_000_000 / item.len())
    );
    let ordinary = OK_LINE.repeat(1_000);
    let blocks = 200;
    let lines_per_block = 2 + 1_000;
    let mut child = Command::new(EXE)
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = child.id();
    let stdout = child.stdout.take().ok_or("stdout")?;
    let reader = std::thread::spawn(move || {
        let (mut lines, mut too_large) = (0usize, 0usize);
        for l in BufReader::new(stdout).lines() {
            let Ok(l) = l else { break };
            lines += 1;
            too_large += usize::from(l.contains("\"code\":\"limit_exceeded\""));
        }
        (lines, too_large)
    });
    let mut stdin = child.stdin.take().ok_or("stdin")?;
    let mut written = 0usize;
    for _ in 0..blocks {
        for chunk in [&long, &many, &ordinary] {
            stdin.write_all(chunk.as_bytes())?;
            written += chunk.len();
        }
    }
    stdin.flush()?;
    let peak = peak_rss_kib(pid).ok_or("no /proc status")?;
    drop(stdin);
    let status = child.wait()?;
    let (lines, too_large) = reader.join().map_err(|_| "reader thread")?;
    assert!(written > 1_000_000_000, "a 1 GB stream: {written} bytes");
    assert_eq!(lines, blocks * lines_per_block, "one answer per line");
    assert_eq!(too_large, blocks * 2, "the over-long and the over-many lines are limit_exceeded");
    assert_eq!(status.code(), Some(1));
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB is over 64 MiB");
    eprintln!("peak RSS over {written} bytes: {peak} KiB");
    Ok(())
}
