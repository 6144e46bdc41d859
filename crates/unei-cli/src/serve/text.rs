//! The words of the pages (headings, labels, buttons), one typed enum written in Japanese
//! and English; the server's messages are `Notice`s, the libraries' their own.

use unei_core::Lang;

/// One piece of page text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Title,
    Intro,
    SkipToContent,
    OtherLanguage,
    CheckHeading,
    CheckHelp,
    FileLabel,
    FileHelp,
    TemplateLabel,
    OrganisationLabel,
    OrganisationHelp,
    KindLabel,
    KindAny,
    YearLabel,
    YearHelp,
    StrictLabel,
    DraftLabel,
    TokenLabel,
    CheckButton,
    BatchHeading,
    BatchHelp,
    ZipLabel,
    FormatsLegend,
    BatchButton,
    DiffHeading,
    DiffHelp,
    OldLabel,
    NewLabel,
    IgnoreWidthLabel,
    DiffButton,
    ResultHeading,
    Rendered,
    NotRendered,
    Pages,
    Downloads,
    DownloadPdf,
    DownloadXlsx,
    DownloadHtml,
    DownloadPlan,
    DownloadReport,
    Preview,
    PreviewFallback,
    FindingsHeading,
    NoFindings,
    ImportHeading,
    ImportWarnings,
    Kind,
    Address,
    Content,
    Explanation,
    GlyphsHeading,
    FitHeading,
    Back,
    BatchResultHeading,
    BatchRunning,
    BatchDone,
    DownloadZip,
    File,
    Result,
    Warnings,
    Time,
    Messages,
    ResultRendered,
    ResultFailed,
    ResultSkipped,
    ErrorHeading,
    Dropping,
    Refresh,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.japanese(),
            Lang::En => self.english(),
        }
    }

    fn japanese(self) -> &'static str {
        match self {
            Text::Title => "運営方針の取り込み・点検・印刷",
            Text::Intro => {
                "計画ファイル（.json）、Excel 様式（.xlsx .xlsm .xls .ods）または掲載ページ（.txt .html）を送ると、取り込みの結果と点検の結果を示し、PDF・Excel・Web ページを作ります。ファイルはこのサーバーの中だけで扱われ、一定時間の後に消えます。"
            }
            Text::SkipToContent => "本文へ移動",
            Text::OtherLanguage => "English",
            Text::CheckHeading => "1 つのファイルを点検・印刷する",
            Text::CheckHelp => "送ったファイルの点検結果のページが開きます。",
            Text::FileLabel => "ファイル",
            Text::FileHelp => "ここにファイルをドラッグしても選べます。",
            Text::TemplateLabel => "様式（テンプレート）",
            Text::OrganisationLabel => "組織名（ファイルに無いとき）",
            Text::OrganisationHelp => "例: 福島区",
            Text::KindLabel => "組織の種類（名前から分からないとき）",
            Text::KindAny => "名前から判断する",
            Text::YearLabel => "年度（ファイルに無いとき）",
            Text::YearHelp => "例: 令和5",
            Text::StrictLabel => "厳格に点検する（警告があれば作成しない）",
            Text::DraftLabel => "確認用として印刷する（各ページに「確認用」）",
            Text::TokenLabel => "合言葉（トークン）",
            Text::CheckButton => "点検して作成する",
            Text::BatchHeading => "まとめて作成する（ZIP）",
            Text::BatchHelp => {
                "計画ファイル・様式・掲載ページを入れた .zip を送ると、フォルダーの構成のまま作成した帳票の .zip と一覧表を返します。"
            }
            Text::ZipLabel => "ZIP ファイル",
            Text::FormatsLegend => "作成する形式",
            Text::BatchButton => "まとめて作成する",
            Text::DiffHeading => "2 つの計画を比べる",
            Text::DiffHelp => {
                "前年度の計画と今年度の計画など、2 つのファイルの違いを示します（unei diff）。"
            }
            Text::OldLabel => "比べる元（前年度・案）",
            Text::NewLabel => "比べる先（今年度・確定）",
            Text::IgnoreWidthLabel => "全角・半角と空白だけの違いは除く",
            Text::DiffButton => "比べる",
            Text::ResultHeading => "点検の結果",
            Text::Rendered => "帳票を作成しました",
            Text::NotRendered => "帳票は作成していません",
            Text::Pages => "ページ数",
            Text::Downloads => "ダウンロード",
            Text::DownloadPdf => "PDF（印刷用）",
            Text::DownloadXlsx => "Excel（.xlsx）",
            Text::DownloadHtml => "Web ページ（.html）",
            Text::DownloadPlan => "計画ファイル（.json）",
            Text::DownloadReport => "取り込み・点検の報告（.json）",
            Text::Preview => "PDF の表示",
            Text::PreviewFallback => {
                "この画面では PDF を表示できません。上のダウンロードから開いてください。"
            }
            Text::FindingsHeading => "点検で見つかったこと",
            Text::NoFindings => "誤りも警告もありません。",
            Text::ImportHeading => "取り込みの報告（すべてのセル・行の行き先）",
            Text::ImportWarnings => "取り込みの警告",
            Text::Kind => "種類",
            Text::Address => "場所",
            Text::Content => "内容",
            Text::Explanation => "説明",
            Text::GlyphsHeading => "印字できない文字",
            Text::FitHeading => "Excel で 1 ページに収まらないセル",
            Text::Back => "最初のページへ戻る",
            Text::BatchResultHeading => "まとめて作成",
            Text::BatchRunning => {
                "作成しています（JavaScript が使えれば、進み具合はこのまま表示されます）。"
            }
            Text::BatchDone => "作成が終わりました。",
            Text::DownloadZip => "作成した帳票（.zip）",
            Text::File => "ファイル",
            Text::Result => "結果",
            Text::Warnings => "警告",
            Text::Time => "時間",
            Text::Messages => "内容",
            Text::ResultRendered => "作成",
            Text::ResultFailed => "失敗",
            Text::ResultSkipped => "対象外",
            Text::ErrorHeading => "処理できませんでした",
            Text::Dropping => "ファイルをここで離してください",
            Text::Refresh => "最新の状態を見る",
        }
    }

    fn english(self) -> &'static str {
        match self {
            Text::Title => "Import, check and print 運営方針 plans",
            Text::Intro => {
                "Send a plan file (.json), a workbook (.xlsx .xlsm .xls .ods) or a published page (.txt .html): unei shows what it imported and what the check found, and makes the PDF, the workbook and the web page. Files stay on this server and are removed after a while."
            }
            Text::SkipToContent => "Skip to content",
            Text::OtherLanguage => "日本語",
            Text::CheckHeading => "Check and print one file",
            Text::CheckHelp => "The result page of the file opens.",
            Text::FileLabel => "File",
            Text::FileHelp => "You can also drag a file here.",
            Text::TemplateLabel => "Template",
            Text::OrganisationLabel => "Organisation (when the file does not name it)",
            Text::OrganisationHelp => "e.g. 福島区",
            Text::KindLabel => "Organisation kind (when the name does not say it)",
            Text::KindAny => "from the name",
            Text::YearLabel => "Fiscal year (when the file does not say it)",
            Text::YearHelp => "e.g. 令和5",
            Text::StrictLabel => "Strict (warnings stop the print)",
            Text::DraftLabel => "Print to check (every page marked 確認用)",
            Text::TokenLabel => "Token",
            Text::CheckButton => "Check and make",
            Text::BatchHeading => "Make many at once (zip)",
            Text::BatchHelp => {
                "Send a .zip of plans, workbooks and pages: unei returns a .zip of their outputs, in the same folders, and a summary table."
            }
            Text::ZipLabel => "Zip file",
            Text::FormatsLegend => "Formats to make",
            Text::BatchButton => "Make all",
            Text::DiffHeading => "Compare two plans",
            Text::DiffHelp => {
                "Shows what changed between two files, e.g. last year's plan and this year's (unei diff)."
            }
            Text::OldLabel => "From (last year's, the draft)",
            Text::NewLabel => "To (this year's, final)",
            Text::IgnoreWidthLabel => "Leave out 全角/半角 and whitespace-only changes",
            Text::DiffButton => "Compare",
            Text::ResultHeading => "Result of the check",
            Text::Rendered => "The outputs were made",
            Text::NotRendered => "Nothing was made",
            Text::Pages => "Pages",
            Text::Downloads => "Downloads",
            Text::DownloadPdf => "PDF (to print)",
            Text::DownloadXlsx => "Workbook (.xlsx)",
            Text::DownloadHtml => "Web page (.html)",
            Text::DownloadPlan => "Plan file (.json)",
            Text::DownloadReport => "Import and check report (.json)",
            Text::Preview => "PDF preview",
            Text::PreviewFallback => {
                "The PDF cannot be shown here; open it from the downloads above."
            }
            Text::FindingsHeading => "What the check found",
            Text::NoFindings => "No errors and no warnings.",
            Text::ImportHeading => "Import report (where every cell or line went)",
            Text::ImportWarnings => "Import warnings",
            Text::Kind => "Kind",
            Text::Address => "Place",
            Text::Content => "Content",
            Text::Explanation => "Explanation",
            Text::GlyphsHeading => "Characters no font can draw",
            Text::FitHeading => "Workbook cells too tall for one page",
            Text::Back => "Back to the first page",
            Text::BatchResultHeading => "Batch",
            Text::BatchRunning => "Working (with JavaScript, the progress shows here by itself).",
            Text::BatchDone => "Done.",
            Text::DownloadZip => "The outputs (.zip)",
            Text::File => "File",
            Text::Result => "Result",
            Text::Warnings => "Warnings",
            Text::Time => "Time",
            Text::Messages => "Messages",
            Text::ResultRendered => "made",
            Text::ResultFailed => "failed",
            Text::ResultSkipped => "skipped",
            Text::ErrorHeading => "The request could not be handled",
            Text::Dropping => "Drop the file here",
            Text::Refresh => "See the latest state",
        }
    }
}
