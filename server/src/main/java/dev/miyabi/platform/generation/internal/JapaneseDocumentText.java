package dev.miyabi.platform.generation.internal;

import java.util.List;
import java.util.Map;

/** The offline document writer's Japanese. */
final class JapaneseDocumentText extends DocumentText {

    @Override
    List<Section> sections(String documentType, String title) {
        return switch (documentType) {
            case "proposal" ->
                List.of(
                        new Section("summary", "概要", "提案の内容、価値、お願いしたい判断を述べる。"),
                        new Section("challenge", "課題", "現状と解決すべき問題を述べる。"),
                        new Section("solution", "提案内容", "解決策と、それが課題にどう応えるかを説明する。"),
                        new Section("scope", "範囲と成果物", "含まれる作業、成果物、含まれないものを挙げる。"),
                        new Section("timeline", "スケジュール", "フェーズとマイルストーンを示す。"),
                        new Section("investment", "費用と主要な数値", "与えられた数値とその対象を示す。"),
                        new Section("why", "選ばれる理由", "この提案を選ぶ理由を述べる。"),
                        new Section("next", "今後の進め方", "承認後の流れと役割分担を述べる。"));
            case "contract" ->
                List.of(
                        new Section("parties", "当事者", "当事者と契約の目的を記載する。"),
                        new Section("definitions", "定義", "本契約で用いる用語を定義する。"),
                        new Section("services", "業務の範囲", "業務内容と品質基準を記載する。"),
                        new Section("fees", "料金・支払条件・主要条件", "料金、支払条件、与えられた数値を記載する。"),
                        new Section("term", "契約期間と解除", "期間と解除の条件を記載する。"),
                        new Section("confidentiality", "秘密保持", "双方の秘密情報を保護する。"),
                        new Section("liability", "責任の制限", "責任の範囲を定める。"),
                        new Section("law", "準拠法と紛争解決", "準拠法と紛争の解決方法を定める。"),
                        new Section("signatures", "署名", "双方の署名欄を設ける。"));
            case "report" ->
                List.of(
                        new Section("summary", "要旨", "主な発見と提言を簡潔に述べる。"),
                        new Section("background", "背景", "背景、範囲、方法を説明する。"),
                        new Section("figures", "主要な数値", "与えられたデータを示す。"),
                        new Section("findings", "調査結果", "数値と観察から分かることを述べる。"),
                        new Section("analysis", "分析", "原因、リスク、機会を解釈する。"),
                        new Section("recommendations", "提言", "優先順位を付けた具体的な行動を提言する。"),
                        new Section("conclusion", "結論", "要点と次回の見直しを述べて締めくくる。"));
            case "presentation" ->
                List.of(
                        new Section("agenda", "アジェンダ", "発表の流れを示す。"),
                        new Section("situation", "現状", "現在の状況と重要性を述べる。"),
                        new Section("approach", "アプローチ", "進め方を3〜5点で示す。"),
                        new Section("figures", "主要な数値", "与えられた数値を1枚で示す。"),
                        new Section("roadmap", "ロードマップ", "フェーズとマイルストーンを示す。"),
                        new Section("next", "次のステップと質疑", "お願い事項を述べ、議論につなげる。"));
            default ->
                List.of(
                        new Section("what", title + "とは何ですか？", "平易な言葉で説明する。"),
                        new Section("who", "誰のためのものですか？", "対象者と利用場面を述べる。"),
                        new Section("how", "どのように利用しますか？", "手順を追って説明する。"),
                        new Section("facts", "主要な事実は何ですか？", "与えられたデータを事実として示す。"),
                        new Section("start", "始めるには？", "最初の手順を示す。"),
                        new Section("help", "困ったときは？", "サポートの窓口を示す。"));
        };
    }

    @Override
    String body(String key, Brief b) {
        String table = table(b.data());
        String facts = table.isEmpty()
                ? "数値は作業開始前に" + b.audience() + "と確認のうえ確定します。"
                : "本" + kind(b.documentType()) + "の前提となる数値は次のとおりです。\n\n" + table;
        return switch (key) {
            case "summary" ->
                b.documentType().equals("report")
                        ? "本報告書「" + b.title() + "」は" + b.audience() + "向けに作成したものです。"
                                + (b.data().isEmpty() ? "入手できた情報" : b.data().size() + "項目の主要な数値")
                                + "をまとめ、そこから分かることと取るべき行動を提言します。\n\n- 主な発見は「調査結果」に記載しています。\n- 行動の優先順位は「提言」に記載しています。"
                        : "本提案「" + b.title() + "」は" + b.audience()
                                + "に向けたものです。課題、解決策、範囲、スケジュール、費用、お願いしたいご判断をまとめています。\n\n"
                                + (b.persuasive()
                                        ? "早期に着手することで、効果を早く得られ、負担も予測しやすくなります。"
                                        : "ご判断に必要な情報をお伝えすることを目的としています。");
            case "challenge" ->
                "現在、" + b.audience() + "では取り組みが分散し、成果を測りにくい状況にあります。明確な計画がないままでは、何もしないことのコストが四半期ごとに増していきます。\n\n"
                        + "- 目標が一か所で共有されていない。\n- 進捗の報告が遅く、問題の発見も遅れる。\n- 判断が一部の人に依存し、再現しにくい。";
            case "solution" ->
                "「" + b.title() + "」は、これらの点に直接応えます。\n\n1. **明確さ**：合意した一つの目標と、測定できる成功基準。\n"
                        + "2. **着実な実行**：短いフェーズで進め、各フェーズで使える成果を出す。\n3. **透明性**：" + b.audience() + "への定期的で簡潔な報告。";
            case "scope" ->
                "**含まれるもの：** 現状分析、解決策の設計、実装、文書化と研修を伴う引き継ぎ。\n\n**成果物：** 計画書、稼働する解決策、最終報告書。\n\n**含まれないもの：** 合意した目標の範囲外の作業（書面による変更依頼で追加できます）。";
            case "timeline", "roadmap" ->
                "| フェーズ | 内容 | 成果 |\n| --- | --- | --- |\n| 1. 調査 | ヒアリング、分析 | 合意した計画 |\n"
                        + "| 2. 構築 | 短い反復での実装 | 稼働する解決策 |\n| 3. 導入 | 引き継ぎ、研修 | 運用開始 |\n| 4. 評価 | 目標に対する測定 | 最終報告書 |\n\n日程は承認後に双方で確定します。";
            case "investment", "figures", "fees", "facts" -> facts;
            case "why" ->
                "経験と明確な方法論を組み合わせ、各フェーズで確認できる成果をお届けします。コミュニケーションは直接的で、費用は透明です。作業内容は文書化するため、" + b.audience()
                        + "が特定の担当者に依存することはありません。";
            case "next" ->
                (b.documentType().equals("presentation") ? "**お願い事項：** 第1フェーズ開始のご承認。\n\n" : "") + "1. 本"
                        + kind(b.documentType())
                        + "をご確認のうえ、ご質問をお寄せください。\n2. 範囲と数値を確認します。\n3. 開始日と最初の打ち合わせを決めます。\n\n"
                        + (b.persuasive() ? "今週中にご確認いただければ、遅滞なく着手できます。" : "ご質問はいつでも歓迎します。");
            case "parties" -> "本契約は、**［委託者名］**（以下「委託者」）と**［受託者名］**（以下「受託者」）との間で、「" + b.title() + "」に関して締結するものです。";
            case "definitions" ->
                "- **本業務**：「業務の範囲」に定める業務をいう。\n- **成果物**：受託者が委託者に引き渡す成果をいう。\n- **秘密情報**：一方当事者が開示した非公開の情報をいう。\n- **効力発生日**：末尾の署名のうち最後の日付をいう。";
            case "services" -> "受託者は、善良な管理者の注意をもって、一般に認められた専門的水準に従い本業務を行う。本業務の変更には、双方の書面による合意を要する。";
            case "term" ->
                "本契約は効力発生日に発効し、本業務の完了まで有効とする。各当事者は［30］日前までの書面による通知により本契約を解除できる。相手方が重大な違反をし、［14］日以内に是正しないときは、直ちに解除できる。";
            case "confidentiality" -> "各当事者は、相手方の秘密情報を秘密として保持し、本契約の目的にのみ使用し、契約終了時に返還または削除する。本条の義務は契約終了後も［3］年間存続する。";
            case "liability" ->
                "いずれの当事者も、間接損害および派生的損害について責任を負わない。各当事者の責任の総額は、請求前［12］か月間に本契約に基づき支払われた料金を上限とする。ただし、故意または重大な過失による場合はこの限りでない。";
            case "law" -> "本契約は［準拠法］に準拠する。当事者は紛争をまず誠実に協議して解決するよう努め、解決しないときは［管轄裁判所］を専属的合意管轄裁判所とする。";
            case "signatures" ->
                "| | 委託者 | 受託者 |\n| --- | --- | --- |\n| 氏名 | ［氏名］ | ［氏名］ |\n| 役職 | ［役職］ | ［役職］ |\n| 署名 | | |\n| 日付 | ［日付］ | ［日付］ |";
            case "background" ->
                "本報告書は「" + b.title() + "」を対象とし、" + b.audience() + "向けに作成しました。"
                        + (b.data().isEmpty() ? "執筆時点で入手できた情報" : "「主要な数値」に掲げた数値") + "に基づいており、不足する情報はその旨を明記しています。";
            case "findings" -> findings(b);
            case "analysis" ->
                "調査結果を総合すると、限られた資源を奪い合う優先事項と、舵取りに間に合わない測定という根本原因が見えてきます。最大のリスクは現状維持であり、最大の機会は最も明確な発見から着手し、その効果を測ることです。";
            case "recommendations" ->
                "1. **最も明確な発見から着手する**：成功の指標を一つ決める。\n2. **毎月数値を見直す**：" + b.audience()
                        + "と共有する。\n3. **次回の見直しで判断する**：各施策を継続、調整、中止のいずれにするか決める。";
            case "conclusion" -> "数値は明確な出発点を示しています。提言した行動と定期的な見直しにより、" + b.audience() + "は進捗を追い、早めに軌道修正できます。";
            case "agenda" -> "1. 現状\n2. アプローチ\n3. 主要な数値\n4. ロードマップ\n5. 次のステップと質疑";
            case "situation" ->
                "- 現在地：「" + b.title() + "」は" + b.audience()
                        + "の重要な議題です。\n- 今取り組む理由：期待が高まり、時間は限られています。\n- 必要なもの：共有された計画と明確な指標。";
            case "approach" -> "- 測定できる一つの目標から小さく始める。\n- 短いフェーズで成果を出す。\n- 簡潔に、定期的に報告する。\n- 各マイルストーンで根拠に基づいて判断する。";
            case "what" -> "「" + b.title() + "」について、" + b.audience() + "向けに、何であるか、何のためにあるか、どう使うかを平易に説明します。";
            case "who" -> b.audience() + "、および「" + b.title() + "」について明確な答えを必要とするすべての方が対象です。";
            case "how" -> "1. 必要なことをお知らせください。\n2. 内容を確認し、確定します。\n3. 作業を進め、進捗をお知らせします。\n4. 成果をお受け取りいただき、ご意見をお寄せください。";
            case "start" -> "ご要望を簡単にまとめて担当チームにご連絡ください。" + (b.friendly() ? "すぐに次のステップをご案内します！" : "速やかに次の手順をご案内いたします。");
            case "help" -> "サポート窓口（［連絡先］）までお問い合わせください。その際は「" + b.title() + "」の件である旨をお書き添えください。";
            default -> generic(key, "", b);
        };
    }

    private String findings(Brief b) {
        if (b.data().isEmpty()) {
            return "数値の提供がなかったため、調査結果は定性的なものです。次回の見直しでデータにより確認してください。";
        }
        StringBuilder text = new StringBuilder();
        b.data()
                .forEach((name, value) -> text.append("- **")
                        .append(MarkdownText.inline(label(name)))
                        .append("**：")
                        .append(MarkdownText.inline(value))
                        .append("\n"));
        return text.append("\nこれらの数値が分析と提言の基準となります。").toString();
    }

    @Override
    String generic(String heading, String purpose, Brief b) {
        return "この節では、" + b.audience() + "に向けて「" + b.title() + "」の" + heading + "について述べます。" + purpose
                + "\n\n- 要点を簡潔に示します。\n- 未確定の事項はその旨を明記します。\n- 数値に関わる内容は、与えられた数値を参照します。";
    }

    @Override
    String table(Map<String, String> data) {
        return rows(data, "項目", "値");
    }

    private static String kind(String documentType) {
        return switch (documentType) {
            case "proposal" -> "提案書";
            case "contract" -> "契約書";
            case "report" -> "報告書";
            case "presentation" -> "資料";
            default -> "文書";
        };
    }
}
