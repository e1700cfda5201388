package dev.miyabi.platform.generation.internal;

import java.util.ArrayList;
import java.util.List;

/** The offline course writer's Japanese. */
final class JapaneseCourseText extends CourseText {

    @Override
    String courseTitle(CourseInput input) {
        String topic = shorten(input.topic(), 150);
        return switch (input.difficulty()) {
            case "advanced" -> topic + " 上級編";
            case "intermediate" -> "実践 " + topic;
            default -> topic + "入門";
        };
    }

    @Override
    String description(CourseInput input) {
        return input.targetAudience() + "向けの、" + input.hoursText() + "時間で学ぶ" + level(input.difficulty()) + "コース「"
                + input.topic() + "」です。学習目標は「" + String.join("」「", input.learningObjectives()) + "」です。各モジュールは"
                + formatNoun(input.format()) + "の短いレッスン、具体例、演習、確認クイズで構成され、最後に学んだことを自分の課題に"
                + "応用する総仕上げのプロジェクトに取り組みます。";
    }

    @Override
    List<String> prerequisites(CourseInput input) {
        String topic = input.topic();
        List<String> prerequisites = new ArrayList<>(
                switch (input.difficulty()) {
                    case "advanced" ->
                        List.of(topic + "の十分な実務経験", topic + "の中級レベルの概念と用語に慣れていること", "上級の手法を試せる実際のプロジェクトやデータ");
                    case "intermediate" -> List.of(topic + "の基礎を理解していること", "簡単な作業で" + topic + "を使った経験");
                    default -> List.of(topic + "の事前知識は不要です", "基本的なパソコン操作と、練習に取り組む意欲");
                });
        switch (input.format()) {
            case "video" -> prerequisites.add("音声付きで動画を再生できる端末");
            case "interactive" -> prerequisites.add("対話型の演習に使う最新のウェブブラウザ");
            default -> prerequisites.add("演習用のノート（紙またはデジタル）");
        }
        return prerequisites;
    }

    @Override
    String moduleTitle(ModuleKind kind, CourseInput input, List<String> focus) {
        String topic = shorten(input.topic(), 120);
        return switch (kind) {
            case FOUNDATIONS -> topic + "の基礎";
            case OBJECTIVE -> focusTitle(focus);
            case DEEPENING -> shorten(focus.getFirst(), 150) + "：応用編";
            case CAPSTONE -> "総仕上げ：" + topic + "を実践する";
        };
    }

    @Override
    String moduleSummary(ModuleKind kind, CourseInput input, List<String> focus) {
        return switch (kind) {
            case FOUNDATIONS ->
                input.topic() + "とは何か、" + input.targetAudience() + "にとってなぜ重要かを理解し、必要な用語を身につけ、最初から最後まで一通り体験します。";
            case OBJECTIVE -> "学習目標「" + String.join("」「", focus) + "」に取り組みます。背景となる考え方、手順、実例、よくある落とし穴、演習を順に学びます。";
            case DEEPENING -> "「" + focus.getFirst() + "」をさらに深めます。発展的な手法、例外ケースとトレードオフ、現実的な事例を扱います。";
            case CAPSTONE -> "すべての学習目標を自分のプロジェクトで統合します。計画から成果の発表までを行い、" + input.topic() + "の次の学習につなげます。";
        };
    }

    @Override
    String lessonTitle(ModuleKind kind, int role, CourseInput input, String focus) {
        String f = shorten(focus, 150);
        String topic = shorten(input.topic(), 150);
        return switch (kind) {
            case FOUNDATIONS ->
                List.of(topic + "とは何か、なぜ重要か", "重要な概念と用語", "学習環境の準備", "最初の通し練習", "コース全体の見取り図", "基礎の振り返り")
                        .get(role);
            case OBJECTIVE ->
                f
                        + List.of("：なぜ重要か", "：基本概念", "：手順を追って", "：実例で学ぶ", "：よくある落とし穴", "：演習と振り返り")
                                .get(role);
            case DEEPENING ->
                f
                        + List.of("：発展的な手法", "：例外ケースとトレードオフ", "：事例研究", "：品質とベストプラクティス", "：トラブルシューティング", "：総まとめ")
                                .get(role);
            case CAPSTONE ->
                List.of(topic + "プロジェクトの計画", "最初の版をつくる", "成果の見直しと改善", "成果の発表", "次の学習へ", "コースの振り返り")
                        .get(role);
        };
    }

    @Override
    List<String> lessonTopics(ModuleKind kind, int role, CourseInput input, String focus) {
        String f = shorten(focus, 100);
        String topic = shorten(input.topic(), 100);
        return switch (kind) {
            case FOUNDATIONS ->
                List.of(
                                List.of(topic + "の全体像", topic + "が重要な理由", "活用される場面"),
                                List.of("基本用語", "重要な概念", "よくある誤解"),
                                List.of("道具と資料", "作業環境の準備", "最初の確認"),
                                List.of("通しの例", "結果の読み方", "次に試すこと"),
                                List.of("学習の道筋", "コースの学習目標", "続けやすい学習習慣"),
                                List.of("セルフチェック", "残った疑問", "次のモジュールへの準備"))
                        .get(role);
            case OBJECTIVE ->
                List.of(
                                List.of(f + "の目的", "典型的な場面", "良い結果の姿"),
                                List.of(f + "の基本的な考え方", "用語", "要素どうしの関係"),
                                List.of("手順の全体像", "各手順の確認", "役に立つ道具"),
                                List.of("現実的な場面設定", "判断とトレードオフ", "結果の振り返り"),
                                List.of("よくある誤り", "早めに気づくための兆候", "立て直し方"),
                                List.of("段階的な演習", "自己評価", "仕事での" + f))
                        .get(role);
            case DEEPENING ->
                List.of(
                                List.of(f + "の発展的な手法", "基本だけでは足りない場面"),
                                List.of("例外ケース", "手法どうしのトレードオフ"),
                                List.of("事例研究", "事例から得られる教訓"),
                                List.of("品質の基準", "ベストプラクティス", "成果のレビュー"),
                                List.of("問題の切り分け", "体系的なトラブルシューティング"),
                                List.of("習熟度チェックリスト", "次の挑戦"))
                        .get(role);
            case CAPSTONE ->
                List.of(
                                List.of("テーマの選び方", "範囲と成功基準"),
                                List.of("学習目標の統合", "小さく繰り返す進め方"),
                                List.of("セルフレビュー", "フィードバック", "改善"),
                                List.of("プロジェクトの伝え方", "学習の成果の示し方"),
                                List.of("参考資料", "自分の学習計画"),
                                List.of("学習目標の振り返り", "最終セルフチェック"))
                        .get(role);
        };
    }

    @Override
    String assessmentStrategy(CourseInput input, int modules, int questionsPerQuiz) {
        return "全" + modules + "モジュールの最後に、解説付きの多肢選択式クイズ（約" + questionsPerQuiz + "問）があります。正答率70％以上でそのモジュールを"
                + "修了とし、クイズは何度でも受け直せます。各レッスンにはヒント付きの演習が2〜3問あり、自己評価に使えます。総仕上げのプロジェクトは学習目標（「"
                + String.join("」「", input.learningObjectives()) + "」）に照らして評価し、それぞれをどこでどのように応用したかを示します。";
    }

    @Override
    String introduction(LessonBrief lesson) {
        String text = "このレッスンでは、モジュール「" + lesson.moduleTitle() + "」の一部として**" + lesson.focus() + "**に取り組みます。所要時間は約"
                + lesson.minutes() + "分で、" + lesson.audience() + "向けに書かれています。";
        text += switch (lesson.difficulty()) {
            case "advanced" -> "基礎は理解している前提で、判断力と理解の深さに焦点を当てます。";
            case "intermediate" -> "基礎を踏まえ、自信を持って応用できるようになることを目指します。";
            default -> "予備知識は不要です。新しい用語は初めて出てきたときに説明します。";
        };
        text += "\n\n扱う内容は「" + String.join("」「", lesson.topics()) + "」です。最後に、" + lesson.courseTopic()
                + "に応用する演習に取り組みます。";
        text += switch (lesson.format()) {
            case "video" -> "まず動画を視聴し、このテキストは復習用の資料として使ってください。";
            case "interactive" -> "読み進めながら、各手順を対話型の作業スペースで試してください。";
            default -> "";
        };
        return text;
    }

    private static final List<String> OPENINGS = List.of(
            "%sは%sを支える基本要素の一つです。自分の言葉で説明できるようになると、このレッスンの残りがずっと理解しやすくなります。",
            "%sについては、まず%sのどんな課題を解決するのか、何を入力として何が得られるのか、うまくいったことをどう確かめるのかを考えてみましょう。",
            "%2$sの現場で%1$sと言うとき、たいていは一つの小技ではなく、繰り返し使える仕事の進め方を指しています。",
            "%sが%sで重要なのは、あいまいな目標を一つずつ確認できる具体的な手順に変えてくれるからです。");

    private static final List<String> FOLLOW_UPS = List.of(
            "自分の仕事のどこに現れるか、もっと意識して取り組んだら何が変わるかを考えてみてください。",
            "そこに含まれる判断を二つか三つ書き出し、普段は無意識に下している判断がどれかに印を付けましょう。",
            "理解を確かめるよい方法は、試す前に結果を予想し、実際の結果と比べることです。",
            "このモジュールで前に学んだ内容とのつながりにも注目しましょう。誤りの多くは手順と手順の境目で起こります。");

    @Override
    String explanation(LessonBrief lesson) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lesson.topics().size(); i++) {
            String t = lesson.topics().get(i);
            int variant = lesson.lessonNumber() + lesson.moduleNumber() + i;
            text.append("### ").append(t).append("\n\n");
            text.append(OPENINGS.get(variant % OPENINGS.size()).formatted(t, lesson.courseTopic()))
                    .append(FOLLOW_UPS.get(variant % FOLLOW_UPS.size()))
                    .append(difficultyNote(lesson.difficulty(), variant))
                    .append("\n\n");
        }
        text.append("### 確実に進めるための手順\n\n")
                .append(lesson.focus())
                .append("に取り組むときは、次の手順で進めると迷いません。\n\n")
                .append("1. 目標と、良い結果とはどういうものかをはっきりさせる。\n")
                .append("2. 必要なもの（")
                .append(String.join("、", lesson.topics()))
                .append("）をそろえる。\n")
                .append("3. 小さな例を一つ、最初から最後までやり通す。\n")
                .append("4. 結果を目標と照らし合わせ、意外だった点を書き留める。\n")
                .append("5. より大きな例や複雑な例で繰り返し、うまくいったやり方を残す。\n\n");
        if (lesson.depth() >= 2) {
            text.append("### さらに一歩進む\n\n手順に慣れてきたら、一度に一つだけ条件を変えてみましょう。入力を変える、期限を短くする、同僚のやり方を試す。変化させるたびに、")
                    .append(lesson.focus())
                    .append("のどこが本質で、どこが変えてもよい習慣なのかが見えてきます。\n\n");
        }
        if (lesson.depth() >= 3) {
            text.append("### じっくり考える\n\n長めのレッスンでは振り返りの時間を取りましょう。このレッスンで見た二つのやり方を表にして長所と短所を比べ、")
                    .append(lesson.audience())
                    .append("ならどちらを使うか、その理由とともに決めてください。\n\n");
        }
        text.append(
                switch (lesson.format()) {
                    case "video" -> "> **動画のポイント：** 各手順のあとで一時停止し、次を見る前に自分で再現してみましょう。";
                    case "interactive" -> "> **試してみよう：** 作業スペースで手順を一つずつ変え、結果がどう変わるかを観察しましょう。";
                    default -> "> **ヒント：** 読みながらメモを取りましょう。それが自分専用の参考資料になります。";
                });
        return text.toString();
    }

    private static String difficultyNote(String difficulty, int variant) {
        return switch (difficulty) {
            case "advanced" ->
                variant % 2 == 0
                        ? "標準的なやり方にとどまらず、例外ケースや性能、規模が大きくなったときの振る舞いも検討しましょう。"
                        : "定説を疑ってみましょう。どんな条件のもとでそれは成り立たなくなるでしょうか。";
            case "intermediate" ->
                variant % 2 == 0 ? "トレードオフに注意しましょう。最も手早い方法が、最も保守しやすいとは限りません。" : "今使っているやり方と比べ、変えたい点を書き留めましょう。";
            default ->
                variant % 2 == 0 ? "今は特殊なケースを気にせず、標準的なケースをはっきりと理解することを目指しましょう。" : "初めて見る用語があれば、一行の定義をメモに書いておきましょう。";
        };
    }

    @Override
    List<Example> examples(LessonBrief lesson) {
        List<Example> examples = new ArrayList<>();
        String first = lesson.topic(0);
        examples.add(new Example(
                "例題：" + first,
                "あなたが" + lesson.audience() + "の一人で、実際の仕事で" + first + "に取り組む必要があるとします。\n\n"
                        + "1. 出発点を一文で書き表す。\n"
                        + "2. このレッスンで学んだ" + first + "の考え方を、小さく具体的な例（たとえば作業リストの最初の項目）に当てはめる。\n"
                        + "3. 結果を確かめる。予想どおりだったか。そうでなければ、どの手順が意外だったか。\n\n"
                        + "目的は完璧な結果ではなく、繰り返し使える判断の記録を残すことです。"));
        if (lesson.depth() >= 2 && lesson.topics().size() > 1) {
            String second = lesson.topic(1);
            examples.add(new Example(
                    "改善前と改善後：" + second,
                    "**改善前：** " + second + "の作業がその場しのぎで行われ、なぜその結果になったのか誰にも説明できない。\n\n"
                            + "**改善後：** 同じ作業をこのレッスンの手順で進め、判断をすべて記録するので、同僚も同じように再現できる。\n\n"
                            + "二つを比べ、それぞれから残したい点を書き出しましょう。"));
        }
        return examples;
    }

    @Override
    List<Exercise> exercises(LessonBrief lesson) {
        List<Exercise> exercises = new ArrayList<>();
        exercises.add(new Exercise(
                lesson.topic(0) + "を、初めて聞く同僚に三文で説明してください。", "まず何を解決するのか、次にどう機能するのか、最後に自分の仕事からの例を一つ挙げましょう。"));
        exercises.add(new Exercise(
                "このレッスンで学んだ" + lesson.topic(1) + "を自分の小さな作業に当てはめ、行った手順をすべて書き出してください。",
                "10分で終わる作業を選びましょう。小さくても完結した試みのほうが、大きくて未完成の試みより多くを学べます。"));
        if (lesson.minutes() >= 20) {
            exercises.add(new Exercise(
                    lesson.focus() + "でよくある誤りを二つ挙げ、それぞれに早く気づく方法を説明してください。",
                    "うまくいかなかったときの結果がどう見えるか、どの確認をしていれば防げたかを考えましょう。"));
        }
        return exercises;
    }

    @Override
    String summary(LessonBrief lesson) {
        StringBuilder text = new StringBuilder();
        for (String t : lesson.topics()) {
            text.append("- **").append(t).append("**：目的を説明でき、小さな例に応用できる。\n");
        }
        text.append("\n")
                .append(
                        lesson.lessonNumber() < lesson.lessonCount()
                                ? "メモと演習の答えは残しておきましょう。次のレッスンで使います。"
                                : "メモと演習の答えは残しておきましょう。モジュールのクイズで使います。");
        return text.toString();
    }

    @Override
    Question topicsOfLesson(String lessonTitle, String correct, List<String> wrong) {
        return new Question(
                "レッスン「" + lessonTitle + "」で中心的に扱う内容はどれですか。",
                correct,
                wrong,
                "「" + lessonTitle + "」では" + correct + "を扱います。ほかの選択肢は別のレッスンの内容か、どのレッスンにも含まれません。");
    }

    @Override
    Question lessonOfTopic(String topic, String correctLesson, List<String> otherLessons) {
        return new Question(
                "このモジュールで「" + topic + "」を扱うレッスンはどれですか。",
                correctLesson,
                otherLessons,
                "「" + topic + "」はレッスン「" + correctLesson + "」のトピックの一つです。");
    }

    @Override
    Question practice(String moduleTitle, int index) {
        return switch (index % 4) {
            case 0 ->
                new Question(
                        "「" + moduleTitle + "」に初めて取り組みます。最初に行うと最も役に立つのはどれですか。",
                        "目標と、良い結果とはどういうものかをはっきりさせる",
                        List.of("見つけられる中で最も高度な手法から始める", "合っているか確かめずに完成した解答を写す", "演習で扱うので基礎は飛ばす"),
                        "目標と期待する結果がわかっていれば、その後のすべての手順を確認できます。ほかの選択肢はその確認を省いています。");
            case 1 ->
                new Question(
                        "「" + moduleTitle + "」での最初の試みで、予想外の結果が出ました。どうすべきですか。",
                        "予想と結果を比べ、手順を一つずつ確かめてずれた箇所を探す",
                        List.of("まったく別のやり方で最初からやり直す", "道具が出した結果なのでそのまま受け入れる", "気にせず次のレッスンに進む"),
                        "予想と結果がずれた手順を見つければ、直すべき点がわかり、最も多くを学べます。");
            case 2 ->
                new Question(
                        "「" + moduleTitle + "」のスキルを練習するとき、最も役立つ習慣はどれですか。",
                        "小さく完結した課題に取り組み、一つずつ振り返る",
                        List.of("何かを試す前にすべてを一度読む", "本当の締め切りが迫ったときだけ練習する", "完璧になるまでフィードバックを避ける"),
                        "小さく完結した課題はすぐにフィードバックが得られ、振り返ることでそれが技能になります。");
            default ->
                new Question(
                        "「" + moduleTitle + "」の概念を理解できたかどうかは、どうすればわかりますか。",
                        "自分の言葉で説明でき、新しい例に応用できる",
                        List.of("レッスンを二回読んだ", "定義を一字一句暗唱できる", "用語を見れば見覚えがある"),
                        "自分の言葉で説明し新しい例に応用できることが理解の証です。読んだことや見覚えがあることは、慣れを示すにすぎません。");
        };
    }

    @Override
    List<String> fillerTopics() {
        return List.of("導入とライセンスの手続きだけ", "実践を伴わない分野の歴史", "別のコースに属する内容");
    }

    @Override
    List<String> fillerLessons() {
        return List.of("このモジュールのどのレッスンでもない", "モジュールのクイズだけ", "別のコースのレッスン");
    }

    @Override
    String joinTopics(List<String> topics) {
        return "「" + String.join("」「", topics) + "」";
    }

    @Override
    String introductionHeading() {
        return "はじめに";
    }

    @Override
    String explanationHeading() {
        return "解説";
    }

    @Override
    String examplesHeading() {
        return "例";
    }

    @Override
    String exercisesHeading() {
        return "演習";
    }

    @Override
    String summaryHeading() {
        return "まとめ";
    }

    @Override
    String hintLabel() {
        return "ヒント：";
    }

    private static String focusTitle(List<String> focus) {
        if (focus.size() == 1) {
            String title = shorten(focus.getFirst(), 180);
            return title.length() < 3 ? title + "を身につける" : title; // titles have at least 3 characters
        }
        String joined = String.join("・", focus);
        return joined.length() <= 80 ? joined : shorten(focus.getFirst(), 80) + "ほか";
    }

    private static String level(String difficulty) {
        return switch (difficulty) {
            case "advanced" -> "上級";
            case "intermediate" -> "中級";
            default -> "初級";
        };
    }

    private static String formatNoun(String format) {
        return switch (format) {
            case "video" -> "動画";
            case "interactive" -> "対話型";
            default -> "読み物";
        };
    }
}
