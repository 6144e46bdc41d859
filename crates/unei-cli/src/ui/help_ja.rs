//! The Japanese texts of `--help`: each (sub)command's description and the examples and exit
//! codes after its options, and each argument's help, keyed by the subcommand's path
//! (`""` for unei itself, `"fonts check"`) and the argument's id. The English texts are the
//! doc comments in main.rs; a unit test checks that every command and argument has a
//! Japanese one here.

/// What `--help` of one command says in Japanese.
pub struct CommandText {
    /// The subcommand's path: `""` for unei, `"validate"`, `"fonts check"`.
    pub path: &'static str,
    /// One line: what the command does (also shown in its parent's list).
    pub about: &'static str,
    /// After the options: examples, notes and exit codes.
    pub after_help: &'static str,
}

/// The Japanese texts of the command at `path`.
pub fn command(path: &str) -> Option<&'static CommandText> {
    COMMANDS.iter().find(|c| c.path == path)
}

/// The Japanese help of argument `id` of the command at `path`: its own text, else the one
/// shared by every command (the `"*"` rows: the template, font and language options).
pub fn argument(path: &str, id: &str) -> Option<&'static str> {
    let row = |p: &str| ARGUMENTS.iter().find(|(ps, i, _)| *ps == p && *i == id);
    row(path).or_else(|| row("*")).map(|(_, _, help)| *help)
}

const COMMANDS: &[CommandText] = &[
    CommandText {
        path: "",
        about: "unei: 大阪市の運営方針を PDF・XLSX・HTML に出力し、取り込み、検査します",
        after_help: "\
終了コード:
  0  問題はありません
  1  入力に問題が見つかりました（正しくない計画、ファイル中のエラー）
  2  unei を実行できませんでした（ファイルを読み書きできない、引数が正しくない）",
    },
    CommandText {
        path: "validate",
        about: "計画ファイルを検査します: JSON の構文と型、金額、番号、和暦の年度、各欄",
        after_help: "\
例:
  unei validate fixtures/plans/fukushima-r2.json
  unei validate --strict plans/*.json

問題は 1 件 1 行です: ファイル:行:桁: パス: 内容（警告には「警告:」が付きます）。

終了コード:
  0  すべてのファイルが正しい（--strict がなければ警告はあってもよい）
  1  問題が見つかりました
  2  読めないファイルがありました",
    },
    CommandText {
        path: "render",
        about: "計画を公式様式の PDF、XLSX のワークブック、ウェブページに出力します",
        after_help: "\
例:
  unei render fixtures/plans/fukushima-r2.json -o out/   （out/fukushima-r2.pdf、.xlsx、.html）
  unei render plan.json --pdf 令和2年度_福島区運営方針.pdf
  unei render plan.json --xlsx 令和2年度_福島区運営方針.xlsx
  unei render plan.json --html 運営方針.html
  SOURCE_DATE_EPOCH=1700000000 unei render plan.json --pdf plan.pdf   （毎回同じバイト列）

計画はまず検査され、エラーのある計画は出力されません。
どのフォントでも描けない文字は報告されます（〓 で印刷）。--strict ではエラーになります。
印刷で 1 ページに収まらないワークブックのセルも同様に報告されます（シート!セル、必要な行数）。

終了コード:
  0  書き出しました
  1  計画に問題があります（検査のエラー。--strict では描けない文字や 1 ページに収まらないセルも）
  2  実行できませんでした（計画やフォントが読めない、出力先に書き込めない）",
    },
    CommandText {
        path: "batch",
        about: "フォルダー内のすべての計画を並列に出力し、同じ構成の出力フォルダーに置きます",
        after_help: "\
例:
  unei batch plans/ -o out/
  unei batch plans/ -o out/ --jobs 2 --quiet

入力フォルダーの下のすべての計画（*.json）、旧様式のワークブック（*.xlsx/.xlsm/.xls/.ods、
取り込みを通して）と公開ページ（*.txt/.html）を、出力フォルダーの同じ相対パスの .pdf に
出力します（--format pdf,xlsx,html では .xlsx と .html も）。
問題のあるファイルがあっても他のファイルは出力され、最後の一覧に各ファイルの結果が出ます。
端末では進み具合の棒が、それ以外ではファイルごとに 1 行が表示されます。

終了コード:
  0  すべてのファイルを出力しました
  1  出力できなかったファイルがあります（一覧を参照）
  2  実行できませんでした（フォルダーが読めない、フォントがない、テンプレートが壊れている）",
    },
    CommandText {
        path: "diff",
        about: "2 つの計画の違いを示します: 経営課題、戦略、具体的取組、予算、文章",
        after_help: "\
例:
  unei diff last-year.json this-year.json
  unei diff 案.json 確定.json --format html -o 差分.html
  unei diff old-plan.xls new-plan.json --format json -o diff.json
  unei diff a.json b.json --ignore-width      （全角/半角と空白だけの違いを除く）

比べる 2 つは計画ファイル（.json）、旧様式のワークブック（.xlsx/.xlsm/.xls/.ods）、
公開ページ（.txt/.html）のどれでもよく、ワークブックとページは取り込みを通して読みます。
項目は番号と文章で対応付けるので、番号が変わった項目や移った項目はそのように報告されます。
テキストの出力は端末では色付きです（`NO_COLOR`、-o、パイプでは色なし）。[-…-] は
削除された文字、{+…+} は挿入された文字です。

終了コード:
  0  2 つの計画は同じです（--ignore-width の後で）
  1  2 つの計画は違います（報告を書き出しました）
  2  実行できませんでした: 計画が読めないか取り込めない、報告を書き出せない",
    },
    CommandText {
        path: "new",
        about: "様式のすべての欄を備えた、記入するだけの新しい計画を書き出します",
        after_help: "\
例:
  unei new --kind 区 --name 福島区 --year 令和7 -o plan.json
  unei new --kind 局 --name 都市計画局 --year 令和4年度 --issues 3 -o plan.json

様式の世代は年度で決まります: 令和4年度までは A、令和5年度からは B。
計画は 案 で始まります。既にあるファイルは上書きしません。

終了コード:
  0  書き出しました
  2  実行できませんでした: --year が和暦の年度でない、--name が空、--issues が 0、
     ファイルが既にあるか書き込めない、テンプレートが壊れている",
    },
    CommandText {
        path: "import",
        about: "旧様式のワークブック（.xlsx/.xlsm/.xls/.ods）や公開ページ（.txt/.html）を計画ファイルに取り込みます",
        after_help: "\
例:
  unei import 様式1.xlsx -o plan.json --report import-report.json
  unei import fukushima-r2-published-page.txt --organisation 福島区 -o plan.json
  unei import 様式2.txt --organisation 都市計画局 --kind 局 --year 令和元 -o plan.json
  unei import old-plan.xls -o plan.json --allow-unmapped

欄は見出しの文字で見つけます: テンプレートの見出しの言い回しを、その見出しの文法
（[import] の節: 全角/半角、【】、省略できる（…）と 主な、区/局/所属 の言い方、～∼〜）で読みます。
空でないセルや行はすべて、次の 4 種類のどれかとして記録されます:
  取り込み       計画に入りました（報告に欄の名前が出ます）
  ページの飾り   ページのナビゲーション、日付、計画の前のお知らせ（読み飛ばします）
  不明な見出し   見出しに見えるが、どれにも当たらないもの（いちばん近い見出しを示します。
                 その文章を上の欄に混ぜることはしません）
  対応先なし     どこにも入らなかったもの: 欄の外、値の横、1 列ずれ（様式1!C12、page.txt:12:1）
まとめの行は 4 種類を数えます。--report はすべての記録を JSON で書き出します。警告
（読めない金額、似ていることで読んだ見出し）、確認が必要な記録、計画の検査結果は 1 件 1 行で
表示されます。対応先のない内容があっても計画は書き出され、状態は内容が満たすものになるので、
計画は `unei validate` を通ります。
既にある出力は --force がなければ置き換えず、入力を出力にすることはできません。

終了コード:
  0  取り込みました。対応先のない内容も不明な見出しもなく（または --allow-unmapped）、計画は
     正しい。ページの飾りだけで失敗することはありません
  1  取り込みましたが、対応先のない内容や不明な見出しがあるか、計画にエラーがあります（計画は
     書き出します）。または入力に計画が見つかりません（何も書き出しません）
  2  実行できませんでした: 入力が読めないか対応していない、出力が既にある（--force なし）か
     入力と同じ、出力先に書き込めない、テンプレートが壊れている",
    },
    CommandText {
        path: "serve",
        about: "事務所向けのウェブページと API を動かします: 計画・ワークブック・ページをアップロードし、取り込みの報告と検査を見て、PDF・XLSX・ウェブページを確認してダウンロードします",
        after_help: "\
例:
  unei serve                                   （http://127.0.0.1:8080/）
  unei serve --addr 127.0.0.1:8080 --jobs 2 --timeout 60 --max-upload-mb 50
  curl --data-binary @plan.json -H 'Content-Type: application/json' \\
       'http://127.0.0.1:8080/api/render?format=pdf' -o plan.pdf

API の説明は /api/openapi.json にあります。`Ctrl+C` か `SIGTERM` で止まります: 処理中の
リクエストは先に終わらせます（長くても --grace の秒数まで）。

終了コード:
  0  シグナルで止まりました
  2  起動できませんでした（アドレスが使用中、フォントやテンプレートがない）",
    },
    CommandText {
        path: "fonts",
        about: "計画の文字がフォントで描けるかを調べます",
        after_help: "\
例:
  unei fonts check plans/

終了コード:
  0  すべての文字を描けます
  1  どのフォントでも描けない文字があるか、エラーのある計画があります
  2  実行できませんでした（計画やフォルダーが読めない、フォントがない、テンプレートが壊れている）",
    },
    CommandText {
        path: "fonts check",
        about: "どのフォントでも描けない文字を一覧にし（あれば終了コード 1）、残りの文字をどのフォントが描くかを示します",
        after_help: "\
例:
  unei fonts check plan.json
  unei fonts check plans/ --fallback-font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

計画ごとに、どのフォントでも描けない文字（とその文字がある欄）を示し、続けて各フォントが
描く文字の数を示します。

終了コード:
  0  すべての文字を描けます
  1  どのフォントでも描けない文字があるか、エラーのある計画があります
  2  実行できませんでした（計画やフォルダーが読めない、フォントがない、テンプレートが壊れている）",
    },
    CommandText {
        path: "completions",
        about: "シェルの補完スクリプトを表示します（bash、zsh、fish、elvish、powershell）。説明はメッセージと同じ言語です",
        after_help: "\
例:
  unei completions bash > /etc/bash_completion.d/unei
  unei completions zsh > ~/.zfunc/_unei

終了コード:
  0  表示しました
  2  実行できませんでした（知らないシェル）",
    },
    CommandText {
        path: "man",
        about: "unei の、またはサブコマンドひとつのマニュアルページ（roff 形式）を表示します（`unei-validate(1)` は `unei man validate`）",
        after_help: "\
例:
  unei man > /usr/local/share/man/ja/man1/unei.1
  unei man validate > /usr/local/share/man/ja/man1/unei-validate.1
  unei --lang en man fonts-check > /usr/local/share/man/man1/unei-fonts-check.1

マニュアルページはメッセージと同じ言語で出力します（日本語のページは上の例の場所に置きます）。

終了コード:
  0  表示しました
  2  実行できませんでした（そのサブコマンドがない、標準出力に書き込めない）",
    },
    CommandText {
        path: "schema",
        about: "計画ファイルの JSON スキーマを表示します",
        after_help: "\
例:
  unei schema > plan.schema.json
  unei schema -o plan.schema.json

終了コード:
  0  表示したか書き出しました
  2  実行できませんでした（ファイルに書き込めない）",
    },
];

/// `(subcommand path, argument id, help)`; `"*"` is every command that has the argument and
/// no row of its own.
const ARGUMENTS: &[(&str, &str, &str)] = &[
    (
        "*",
        "lang",
        "メッセージの言語: `ja` か `en`（既定はロケールから。`LANG=ja_JP.UTF-8` なら `ja`）",
    ),
    (
        "*",
        "template",
        "同梱の `osaka-default` の代わりに使うテンプレートファイル（TOML）",
    ),
    (
        "*",
        "show_source",
        "問題ごとにその行の原文を示します（端末では既定で示します）",
    ),
    (
        "*",
        "font",
        "本文のフォント: フォントファイルかインストール済みのファミリー名（既定はテンプレートのもの、BIZ UDGothic）",
    ),
    (
        "*",
        "bold_font",
        "見出しの太字: フォントファイルか、太さ 700 の書体を使うファミリー（なければエラー。既定はテンプレートのもの、BIZ UDGothic Bold）",
    ),
    (
        "*",
        "fallback_fonts",
        "本文のフォントにない文字に使う予備のフォント（何度でも指定可。テンプレートの予備のフォントの後、〓 の前に試します）",
    ),
    (
        "*",
        "strict",
        "警告（正しくない欄、描けない文字、収まらないセル）も失敗とします",
    ),
    (
        "*",
        "pdf_standard",
        "PDF が従う規格: `a-2a+ua-1`（タグ付き、PDF/A-2a と PDF/UA-1）、`a-2b`（保存用、タグなし）、`none`",
    ),
    ("validate", "files", "計画ファイル（JSON）"),
    (
        "validate",
        "strict",
        "警告（たとえば空の 主な戦略）も問題とします",
    ),
    ("render", "plan", "計画ファイル（JSON）"),
    ("render", "pdf", "PDF を FILE に書き出します"),
    (
        "render",
        "xlsx",
        "ワークブック（XLSX、様式ごとに 1 シート）を FILE に書き出します",
    ),
    (
        "render",
        "html",
        "計画をアクセシブルなウェブページ（市のページのマークアップ）として FILE に書き出します",
    ),
    (
        "render",
        "out_dir",
        "DIR/<計画の名前>.pdf、.xlsx、.html を書き出します",
    ),
    (
        "render",
        "draft",
        "確認用の印刷: 計画の状態でまだ許されないこと（段階の規則）はエラーでなく警告になり、PDF の各ページに「確認用」が入ります。構文と金額のエラーでは出力しません",
    ),
    ("batch", "input", "計画のフォルダー（下の階層も探します）"),
    ("batch", "out_dir", "出力フォルダー（なければ作ります）"),
    ("batch", "formats", "書き出す形式（コンマ区切り）"),
    (
        "batch",
        "jobs",
        "ワーカーのスレッド数（既定はコアごとに 1）",
    ),
    ("batch", "quiet", "失敗と最後の件数だけを表示します"),
    ("diff", "old", "比べる元の計画（前年度のもの、案）"),
    ("diff", "new", "比べる先の計画"),
    (
        "diff",
        "format",
        "報告の形式: `text`（人が読むテキスト、端末では色付き）、`html`（アクセシブルなウェブページ）、`json`（他のツール向け、`docs/DIFF.md`）",
    ),
    ("diff", "output", "報告を標準出力でなく FILE に書き出します"),
    (
        "diff",
        "ignore_width",
        "全角/半角の幅や空白だけの違いを除きます",
    ),
    (
        "diff",
        "template",
        "ワークブックとページを読むときに、同梱のものの代わりに使うテンプレートファイル（TOML）",
    ),
    ("new", "kind", "組織の種類: 区、局、室、区・局"),
    ("new", "name", "組織の名前（たとえば 福島区）"),
    ("new", "year", "和暦の年度: 令和7、令和7年度、令和元年度"),
    ("new", "issues", "最初に用意する経営課題の数（1 以上）"),
    ("new", "output", "書き出す計画ファイル"),
    (
        "import",
        "input",
        "ワークブック（.xlsx、.xlsm、.xls、.ods）かページ（.txt、.html、.htm）",
    ),
    ("import", "output", "書き出す計画ファイル（JSON）"),
    (
        "import",
        "report",
        "取り込みの報告（JSON）も書き出します: 各セルの行き先",
    ),
    (
        "import",
        "allow_unmapped",
        "対応先のない内容や不明な見出しがあっても終了コード 0 にします",
    ),
    (
        "import",
        "force",
        "既にある出力（計画と報告）を置き換えます",
    ),
    (
        "import",
        "organisation",
        "組織の名前（福島区）: 名前を示すタイトル行が入力にないとき",
    ),
    (
        "import",
        "kind",
        "組織の種類（区、局、室、区・局）: 名前から分からないとき",
    ),
    (
        "import",
        "year",
        "和暦の年度（令和5、令和5年度）: 入力に書かれていないとき",
    ),
    (
        "serve",
        "addr",
        "待ち受けるアドレス。127.0.0.1/::1 以外は他のマシンからつながります（警告を表示します）: 前に HTTPS のリバースプロキシを置いてください",
    ),
    (
        "serve",
        "jobs",
        "同時に取り込み・出力するワーカーの数（既定はコアごとに 1）",
    ),
    (
        "serve",
        "queue",
        "ワーカーを待てるリクエストの数。超えると 503 を返します（既定はワーカーごとに 8）",
    ),
    (
        "serve",
        "max_requests",
        "同時に扱うリクエストの数（受信中のアップロードを含む）。超えると 503",
    ),
    (
        "serve",
        "max_upload_mb",
        "アップロード（計画、ワークブック、ページ、一括処理の ZIP）の上限（MiB）。超えると 413",
    ),
    (
        "serve",
        "timeout",
        "アップロードの受信にかけてよい秒数（超えると 408）と、処理にかけてよい秒数（超えると 504）",
    ),
    (
        "serve",
        "keep",
        "結果（報告、PDF、一括処理の ZIP）をダウンロードできる分数",
    ),
    (
        "serve",
        "grace",
        "`SIGINT`/`SIGTERM` の後、処理中のリクエストが終わるのを待つ秒数",
    ),
    (
        "serve",
        "token",
        "共有の秘密: `POST` のリクエストに必要です（フォームの `token` 欄、または `Authorization: Bearer TOKEN`）。UNEI_TOKEN からも読みます",
    ),
    (
        "serve",
        "template",
        "既定のテンプレート: 同梱のもの（`osaka-default`、`osaka-ipaex`）の名前か、ファイル（TOML）",
    ),
    ("fonts check", "target", "計画ファイルか計画のフォルダー"),
    ("completions", "shell", "補完スクリプトを作るシェル"),
    (
        "man",
        "page",
        "ページを表示するサブコマンド（unei fonts check は `fonts-check`）",
    ),
    ("schema", "output", "標準出力でなく FILE に書き出します"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every `(path, id)` of the command line, and the commands' paths.
    fn walk(
        command: &clap::Command,
        path: &str,
        paths: &mut Vec<String>,
        args: &mut Vec<(String, String)>,
    ) {
        paths.push(path.to_owned());
        for arg in command.get_arguments() {
            args.push((path.to_owned(), arg.get_id().as_str().to_owned()));
        }
        for sub in command.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name()).trim_start().to_owned();
            walk(sub, &sub_path, paths, args);
        }
    }

    fn command_line() -> (Vec<String>, Vec<(String, String)>) {
        let (mut paths, mut args) = (Vec::new(), Vec::new());
        walk(&crate::Cli::command(), "", &mut paths, &mut args);
        (paths, args)
    }

    #[test]
    fn every_command_and_argument_has_a_japanese_text() {
        let (paths, args) = command_line();
        let missing: Vec<String> = paths
            .iter()
            .filter(|p| command(p).is_none())
            .map(|p| format!("command {p:?}"))
            .chain(
                args.iter()
                    .filter(|(p, id)| argument(p, id).is_none())
                    .map(|(p, id)| format!("argument {id} of {p:?}")),
            )
            .collect();
        assert!(missing.is_empty(), "no Japanese text for {missing:?}");
    }

    #[test]
    fn every_japanese_text_belongs_to_a_command_or_argument() {
        let (paths, args) = command_line();
        let stale: Vec<&str> = COMMANDS
            .iter()
            .map(|c| c.path)
            .filter(|p| !paths.iter().any(|q| q == p))
            .chain(ARGUMENTS.iter().filter_map(|(p, id, _)| {
                let used = args.iter().any(|(q, i)| i == id && (p == q || *p == "*"));
                (!used).then_some(*id)
            }))
            .collect();
        assert!(stale.is_empty(), "texts for nothing: {stale:?}");
    }

    /// The Japanese help places arguments by the template's `{positionals}` and `{options}`,
    /// which leave out arguments under a heading of their own.
    #[test]
    fn no_argument_has_a_heading_of_its_own() {
        fn headed(command: &clap::Command, found: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if let Some(heading) = arg.get_help_heading() {
                    found.push(format!("{} under {heading}", arg.get_id()));
                }
            }
            command.get_subcommands().for_each(|sub| headed(sub, found));
        }
        let mut found = Vec::new();
        headed(&crate::Cli::command(), &mut found);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn the_japanese_command_line_passes_clap_s_checks() {
        crate::ui::command_line::japanese(crate::Cli::command()).debug_assert();
    }

    /// `unei import --help` names the four kinds of the report as the summary line does.
    #[test]
    fn the_import_help_names_the_report_s_kinds() {
        let help = command("import").map_or("", |c| c.after_help);
        for kind in unei_import::EntryKind::ALL {
            let name = kind.name(unei_core::Lang::Ja);
            assert!(help.contains(&format!("\n  {name}  ")), "{name}");
        }
    }

    #[test]
    fn an_argument_of_its_own_wins_over_the_shared_one() {
        assert_eq!(
            argument("validate", "strict"),
            Some("警告（たとえば空の 主な戦略）も問題とします")
        );
        assert_eq!(argument("render", "strict"), argument("*", "strict"));
        assert_eq!(argument("render", "no-such-argument"), None);
    }
}
