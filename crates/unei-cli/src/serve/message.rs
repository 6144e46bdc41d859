//! Everything `unei serve` itself says — on the console at start and stop, and to clients in
//! error pages and JSON errors — as one typed enum written in Japanese or English. Messages
//! of the libraries underneath (the importer's, validation's) are their own typed values.

use std::net::SocketAddr;

use unei_core::{Lang, Localize};

/// Why a zip entry of a batch upload is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryProblem {
    /// A `..` component: it would leave the folder.
    ParentComponent,
    /// `/x`, `C:\x`, `\\server\x`.
    Absolute,
    /// A symbolic link (Unix mode in the entry).
    Link,
    /// A NUL or other control character in the name.
    ControlCharacter,
    /// Two entries with the same name.
    Duplicate,
    /// Encrypted entries cannot be read.
    Encrypted,
}

impl EntryProblem {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryProblem::ParentComponent, Lang::Ja) => "「..」で上のフォルダーを指しています",
            (EntryProblem::ParentComponent, Lang::En) => {
                "it has a `..` component (points outside the folder)"
            }
            (EntryProblem::Absolute, Lang::Ja) => "絶対パスです",
            (EntryProblem::Absolute, Lang::En) => "it is an absolute path",
            (EntryProblem::Link, Lang::Ja) => "シンボリックリンクです",
            (EntryProblem::Link, Lang::En) => "it is a symbolic link",
            (EntryProblem::ControlCharacter, Lang::Ja) => "名前に NUL などの制御文字があります",
            (EntryProblem::ControlCharacter, Lang::En) => {
                "its name holds NUL or another control character"
            }
            (EntryProblem::Duplicate, Lang::Ja) => "同じ名前のファイルが 2 つあります",
            (EntryProblem::Duplicate, Lang::En) => "two entries have this name",
            (EntryProblem::Encrypted, Lang::Ja) => "暗号化されていて読めません",
            (EntryProblem::Encrypted, Lang::En) => "it is encrypted",
        }
    }
}

/// One message of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    // --- console ---
    /// The server is up.
    Listening { url: String, jobs: usize },
    /// The address is reachable from other machines and there is no authentication.
    NotLoopback { addr: SocketAddr, token: bool },
    /// The address cannot be bound.
    CannotBind { addr: SocketAddr, error: String },
    /// The runtime or a font could not be set up.
    CannotStart { error: String },
    /// SIGINT or SIGTERM: requests under way are finished first.
    ShuttingDown,
    /// Requests still running when the grace period ended.
    ShutdownForced { seconds: u64 },
    // --- clients ---
    /// The body is larger than `--max-upload-mb`.
    TooLarge { limit_mib: u64 },
    /// Not a file type unei reads.
    UnsupportedType { name: String },
    /// A zip was expected (batch).
    NotAZip { name: String },
    /// The form has no file in the field.
    NoFile { field: &'static str },
    /// The request body is not a readable form.
    BadForm { detail: String },
    /// An option of the form or query has a value unei cannot use.
    BadOption { field: &'static str, value: String },
    /// The body did not arrive within the time limit.
    BodyTimeout { seconds: u64 },
    /// Every worker is busy and the queue is full.
    Busy { retry_after: u64 },
    /// The work took longer than the time limit.
    TimedOut { seconds: u64 },
    /// `--token` is set and the request has no valid token.
    Unauthorized,
    /// No page or result under this address (results are kept for a while only).
    NotFound,
    /// The plan file cannot be read (JSON syntax, types); the diagnostic says where.
    PlanSyntax { at: String },
    /// Validation errors (or warnings with strict): nothing was rendered.
    NotRendered { errors: usize, warnings: usize },
    /// With strict: characters no font can draw, or cells too tall for a page.
    StrictRefused {
        missing_glyphs: usize,
        fit: usize,
        import: usize,
    },
    /// The importer refused the file (its message says why).
    ImportFailed { detail: String },
    /// A zip entry of a batch upload is refused.
    EntryRefused {
        entry: String,
        problem: EntryProblem,
    },
    /// The batch zip holds more files than allowed.
    TooManyEntries { limit: usize },
    /// The batch zip's entries unpack to more than allowed.
    UnpacksTooLarge { limit_mib: u64 },
    /// A batch file with a type unei does not read (it is skipped).
    Skipped,
    /// Something failed inside unei (a bug): the detail is the library's.
    Internal { detail: String },
    /// The server is stopping.
    Stopping,
    /// A character no font can draw (printed as 〓).
    MissingGlyph { character: char, place: String },
    /// A workbook cell too tall for one printed page.
    TooTall {
        cell: String,
        text: String,
        needed: usize,
        available: usize,
    },
}

impl Localize for Notice {
    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.japanese(),
            Lang::En => self.english(),
        }
    }
}

impl Notice {
    fn japanese(&self) -> String {
        match self {
            Notice::Listening { url, jobs } => format!(
                "unei serve: {url} で待ち受けています（作業スレッド {jobs}、Ctrl+C で終了）"
            ),
            Notice::NotLoopback { addr, token } => format!(
                "警告: {addr} は他の PC から接続できるアドレスです。{}市のリバースプロキシ（HTTPS と利用者の確認）の後ろに置き、プロキシから 127.0.0.1 に転送してください",
                if *token {
                    "通信は暗号化されません（--token の合言葉も平文で流れます）。"
                } else {
                    "利用者の確認はありません（--token で合言葉を設定できます）。"
                }
            ),
            Notice::CannotBind { addr, error } => {
                format!("エラー: {addr} で待ち受けできません: {error}")
            }
            Notice::CannotStart { error } => format!("エラー: 起動できません: {error}"),
            Notice::ShuttingDown => {
                "終了します: 処理中の要求が終わるのを待っています".to_owned()
            }
            Notice::ShutdownForced { seconds } => {
                format!("{seconds} 秒待っても終わらない要求があったため、打ち切って終了します")
            }
            Notice::TooLarge { limit_mib } => format!(
                "ファイルが大きすぎます（上限 {limit_mib} MiB）。管理者は --max-upload-mb で上限を変えられます"
            ),
            Notice::UnsupportedType { name } => format!(
                "{name}: 読めない種類のファイルです。計画ファイル（.json）、Excel 様式（.xlsx .xlsm .xls .ods）、掲載ページ（.txt .html）を選んでください"
            ),
            Notice::NotAZip { name } => {
                format!("{name}: ZIP ファイルではありません。一括作成には .zip を選んでください")
            }
            Notice::NoFile { field } => {
                format!("ファイルが選ばれていません（フォームの項目 {field}）")
            }
            Notice::BadForm { detail } => format!("フォームを読み取れません: {detail}"),
            Notice::BadOption { field, value } => {
                format!("{field} の値 {value:?} は使えません")
            }
            Notice::BodyTimeout { seconds } => format!(
                "{seconds} 秒以内にファイルを受け取れませんでした。回線の状態を確かめて、もう一度送ってください"
            ),
            Notice::Busy { retry_after } => format!(
                "ただいま混み合っています。{retry_after} 秒ほど待ってから、もう一度送ってください"
            ),
            Notice::TimedOut { seconds } => format!(
                "処理が制限時間（{seconds} 秒）内に終わりませんでした。ファイルを分けるか、管理者に --timeout の延長を相談してください"
            ),
            Notice::Unauthorized => {
                "合言葉（トークン）が必要です。管理者から伝えられた合言葉を入力してください".to_owned()
            }
            Notice::NotFound => "ページが見つかりません。点検の結果は一定時間だけ保存されます。もう一度ファイルを送ってください".to_owned(),
            Notice::PlanSyntax { at } => format!("計画ファイルを読めません: {at}"),
            Notice::NotRendered { errors, warnings } => format!(
                "誤り {errors} 件・警告 {warnings} 件があるため、帳票は作成しませんでした。下の一覧を直してから、もう一度送ってください"
            ),
            Notice::StrictRefused {
                missing_glyphs,
                fit,
                import,
            } => format!(
                "厳格な点検（strict）のため作成しませんでした: 印字できない文字 {missing_glyphs} 件、1 ページに収まらないセル {fit} 件、取り込みで確認の要る行 {import} 件"
            ),
            Notice::ImportFailed { detail } => format!("取り込めません: {detail}"),
            Notice::EntryRefused { entry, problem } => format!(
                "ZIP の中の {entry:?} は受け付けられません: {}。ZIP 全体を処理しませんでした",
                problem.text(Lang::Ja)
            ),
            Notice::TooManyEntries { limit } => {
                format!("ZIP の中のファイルが多すぎます（上限 {limit} 個）")
            }
            Notice::UnpacksTooLarge { limit_mib } => format!(
                "ZIP を展開すると大きすぎます（上限 {limit_mib} MiB、UNEI_MAX_UNPACKED_MB）"
            ),
            Notice::Skipped => {
                "計画ファイル・Excel 様式・掲載ページではないため、処理しませんでした".to_owned()
            }
            Notice::Internal { detail } => {
                format!("unei の内部で問題が起きました（管理者に伝えてください）: {detail}")
            }
            Notice::Stopping => "サーバーを終了しているところです".to_owned(),
            Notice::MissingGlyph { character, place } => format!(
                "{place}: 「{character}」（U+{:04X}）を描けるフォントがないため、〓で印字されます",
                *character as u32
            ),
            Notice::TooTall {
                cell,
                text,
                needed,
                available,
            } => format!(
                "{cell}（{text}…）: 1 ページに {available} 行しか入りませんが、{needed} 行要ります"
            ),
        }
    }

    fn english(&self) -> String {
        match self {
            Notice::Listening { url, jobs } => {
                format!("unei serve: listening on {url} ({jobs} worker(s); Ctrl+C to stop)")
            }
            Notice::NotLoopback { addr, token } => format!(
                "warning: {addr} can be reached from other machines. {}Put unei behind the city's reverse proxy (HTTPS and sign-in) and let the proxy forward to 127.0.0.1",
                if *token {
                    "Traffic is not encrypted (the --token secret travels in clear text). "
                } else {
                    "There is no authentication (--token sets a shared secret). "
                }
            ),
            Notice::CannotBind { addr, error } => {
                format!("error: cannot listen on {addr}: {error}")
            }
            Notice::CannotStart { error } => format!("error: cannot start: {error}"),
            Notice::ShuttingDown => "shutting down: waiting for the requests under way".to_owned(),
            Notice::ShutdownForced { seconds } => {
                format!("requests still running after {seconds} s; stopping anyway")
            }
            Notice::TooLarge { limit_mib } => format!(
                "the upload is too large (limit {limit_mib} MiB; the administrator sets it with --max-upload-mb)"
            ),
            Notice::UnsupportedType { name } => format!(
                "{name}: unei does not read this type of file; choose a plan (.json), a workbook (.xlsx .xlsm .xls .ods) or a published page (.txt .html)"
            ),
            Notice::NotAZip { name } => {
                format!("{name}: not a zip file; a batch needs a .zip")
            }
            Notice::NoFile { field } => format!("no file was chosen (form field {field})"),
            Notice::BadForm { detail } => format!("the form cannot be read: {detail}"),
            Notice::BadOption { field, value } => {
                format!("{field}: {value:?} is not a value unei can use")
            }
            Notice::BodyTimeout { seconds } => format!(
                "the upload did not arrive within {seconds} s; check the connection and send it again"
            ),
            Notice::Busy { retry_after } => {
                format!("the server is busy; send the file again in about {retry_after} s")
            }
            Notice::TimedOut { seconds } => format!(
                "the work did not finish within the time limit ({seconds} s); split the file, or ask the administrator about --timeout"
            ),
            Notice::Unauthorized => {
                "a token is needed: enter the shared secret the administrator gave you".to_owned()
            }
            Notice::NotFound => {
                "no page here; results are kept for a while only, so send the file again".to_owned()
            }
            Notice::PlanSyntax { at } => format!("the plan file cannot be read: {at}"),
            Notice::NotRendered { errors, warnings } => format!(
                "not rendered: {errors} error(s) and {warnings} warning(s); fix the problems listed and send the file again"
            ),
            Notice::StrictRefused {
                missing_glyphs,
                fit,
                import,
            } => format!(
                "not rendered (strict): {missing_glyphs} character(s) no font can draw, {fit} cell(s) too tall for a page, {import} imported line(s) that need a look"
            ),
            Notice::ImportFailed { detail } => format!("cannot import: {detail}"),
            Notice::EntryRefused { entry, problem } => format!(
                "zip entry {entry:?} is refused: {}; nothing in the zip was processed",
                problem.text(Lang::En)
            ),
            Notice::TooManyEntries { limit } => {
                format!("the zip holds too many files (limit {limit})")
            }
            Notice::UnpacksTooLarge { limit_mib } => format!(
                "the zip's files unpack to more than {limit_mib} MiB (UNEI_MAX_UNPACKED_MB)"
            ),
            Notice::Skipped => "not a plan, workbook or published page: skipped".to_owned(),
            Notice::Internal { detail } => {
                format!("something failed inside unei (please tell the administrator): {detail}")
            }
            Notice::Stopping => "the server is shutting down".to_owned(),
            Notice::MissingGlyph { character, place } => format!(
                "{place}: no font can draw {character:?} (U+{:04X}); it is printed as 〓",
                *character as u32
            ),
            Notice::TooTall {
                cell,
                text,
                needed,
                available,
            } => {
                format!("{cell} ({text}…): needs {needed} lines, a printed page holds {available}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_both_languages() {
        let samples = [
            Notice::Busy { retry_after: 5 },
            Notice::TooLarge { limit_mib: 50 },
            Notice::EntryRefused {
                entry: "../x.json".into(),
                problem: EntryProblem::ParentComponent,
            },
            Notice::NotLoopback {
                addr: SocketAddr::from(([0, 0, 0, 0], 8080)),
                token: false,
            },
        ];
        for notice in samples {
            let (ja, en) = (notice.localize(Lang::Ja), notice.localize(Lang::En));
            assert_ne!(ja, en);
            assert!(en.is_ascii() || en.contains('"'), "{en}");
            assert!(!ja.is_ascii(), "{ja}");
        }
    }
}
