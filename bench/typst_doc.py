"""Writes a Typst document equivalent to unei's PDF of a plan: same text, A4, the font unei uses
(BIZ UDGothic, its Bold for labels: Typst finds both in assets/fonts, passed as a font path, so
a fresh machine needs no installed font), 10.5 pt, same label rows and two-column tables. Used
only to compare speed and size."""
import json
import sys

LABELS_A = {
    "goal": "{u}の目標（何をめざすのか）",
    "mission": "{u}の使命（どのような役割を担うのか）",
    "policy": "{y} {u}運営の基本的な考え方（{h}の方針）",
}
KINDS = {"区": ("区", "区長"), "局": ("局", "局長"), "室": ("室", "室長"), "区・局": ("区・局", "区・局長")}


def esc(text):
    out = []
    for c in text:
        if c in "\\#*_`$<>@[]~/\"'=-+":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def rich(blocks):
    lines = []
    for b in blocks:
        if "p" in b:
            lines.append(esc(b["p"]))
        elif "list" in b:
            marker = b["list"].get("marker", "・")
            lines += [esc(marker + i) for i in b["list"]["items"]]
        elif "numbered" in b:
            lines += [esc(f'{i["number"]} {i["text"]}') for i in b["numbered"]["items"]]
    return " \\\n".join(lines)


def label(text):
    return f'#table(columns: (1fr,), fill: rgb("#D9D9D9"), [*{esc(text)}*])'


def content(blocks):
    return f"#table(columns: (1fr,), [{rich(blocks)}])"


def document(plan):
    meta = plan["meta"]
    unit, head = KINDS[meta.get("label_variant", meta["organisation"]["kind"])]
    year = meta["fiscal_year"]
    title = f'{year} {meta["organisation"]["name"]}運営方針'
    out = [
        '#set page(paper: "a4", margin: 15mm, numbering: "1 / 1", header: align(center, text(14pt)['
        + esc(title) + "]))",
        '#set text(font: "BIZ UDGothic", size: 10.5pt, lang: "ja")',
        "#set par(leading: 0.5em)",
        "*◆計画*",
    ]
    for key in ("goal", "mission", "policy"):
        out += [label(LABELS_A[key].format(u=unit, h=head, y=year)), content(plan[key])]
    out.append(label("重点的に取り組む主な経営課題（様式2）"))
    for issue in plan["issues"]:
        heading = esc(f'【経営課題{issue["number"]} {issue["title"]}】')
        out.append(
            '#table(columns: (1fr, 1fr), fill: (x, y) => if y == 0 { rgb("#D9D9D9") },'
            " table.header([*経営課題の概要*], [*主な戦略*]),"
            f' [*{heading}* \\\n{rich(issue.get("overview", []))}], [{rich(issue["strategies"])}])'
        )
        year_number = year.replace("令和", "").replace("年度", "")
        out.append(label(f"主な具体的取組（{year_number}年度予算額）"))
        rows = " \\\n".join(esc(i.get("marker", "・") + i["text"]) + " #h(1fr) " + esc(i.get("amount", ""))
                           for i in issue.get("initiatives", []))
        out.append(f"#table(columns: (1fr,), [{rows}])")
    reform = plan.get("reform")
    if reform:
        out.append(label(f'「市政改革プラン{reform.get("plan_version", "3.0")}」に基づく取組等（様式3）'))
        cells = ", ".join(f'[{esc(r["item"])}], [{rich(r["content"])}]' for r in reform["rows"])
        out.append('#table(columns: (3fr, 7fr), fill: (x, y) => if y == 0 { rgb("#D9D9D9") },'
                   f" table.header([*主な取組項目*], [*取組内容*]), {cells})")
    se = plan.get("self_evaluation")
    if se:
        out.append("*◆自己評価*")
        out += [label("1年間の取組成果と今後取り組みたいこと"), content(se.get("achievements", []))]
        out += [label("解決すべき課題と今後の改善方向"), content(se.get("challenges", []))]
    return "\n\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(document(json.load(f)))
