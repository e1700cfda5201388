/** The landing page (`/`): what Miyabi is and what a customer can do, before the catalog. */
export const landingEn = {
  'landing.title': 'AI services for your business, from order to delivery',
  'landing.lead':
    'Miyabi is where your team buys AI-written courses and documents, search, consulting and support — approved by the right people, paid securely, and delivered while you watch.',
  'landing.browse': 'Browse the catalog',
  'landing.signUp': 'Create a free account',
  'landing.myOrders': 'My orders',
  'landing.canDo': 'What you can do',
  'landing.order.title': 'Order a course or a document',
  'landing.order.body':
    'Describe the topic, the audience and the goals. AI agents write it; read it here or download it as Markdown, HTML or PDF.',
  'landing.approve.title': "Get your team's approval",
  'landing.approve.body': 'Orders above your company’s limit go to its approvers, who decide in their inbox. You see every step.',
  'landing.pay.title': 'Pay securely',
  'landing.pay.body': 'Pay by card once the order is approved. A declined card says why, and nothing is charged twice.',
  'landing.watch.title': 'Watch it being made',
  'landing.watch.body': 'The order’s timeline and the writing progress update live, without reloading the page.',
  'landing.studio.title': 'Try the AI studio',
  'landing.studio.body': 'Generate a sample course or document yourself before you order the full one.',
  'landing.steps': 'How an order works',
  'landing.step1': 'Choose a product in the catalog.',
  'landing.step2': 'Describe what you need.',
  'landing.step3': 'An approver agrees, when your company asks for it.',
  'landing.step4': 'Pay by card.',
  'landing.step5': 'The AI agents deliver; you are told at each step.',
} as const;

export const landingJa: Record<keyof typeof landingEn, string> = {
  'landing.title': 'ビジネスのための AI サービスを、注文から納品まで',
  'landing.lead':
    'Miyabi は、AI が作成するコースやドキュメント、検索、コンサルティング、サポートをチームで購入できる場所です。適切な承認を経て、安全に支払い、作成の様子をその場で確認できます。',
  'landing.browse': 'カタログを見る',
  'landing.signUp': '無料でアカウントを作成',
  'landing.myOrders': '注文一覧',
  'landing.canDo': 'できること',
  'landing.order.title': 'コースやドキュメントを注文する',
  'landing.order.body':
    'テーマ、対象者、目標を入力すると、AI エージェントが作成します。この画面で読むことも、Markdown・HTML・PDF でダウンロードすることもできます。',
  'landing.approve.title': 'チームの承認を得る',
  'landing.approve.body': '社内の上限を超える注文は承認者に回り、受信箱で判断されます。各段階の状況を確認できます。',
  'landing.pay.title': '安全に支払う',
  'landing.pay.body': '承認後にカードで支払います。カードが拒否された場合は理由が表示され、二重に請求されることはありません。',
  'landing.watch.title': '作成の様子を見る',
  'landing.watch.body': '注文のタイムラインと作成の進み具合は、ページを再読み込みしなくても自動で更新されます。',
  'landing.studio.title': 'AI スタジオを試す',
  'landing.studio.body': '本注文の前に、コースやドキュメントのサンプルを自分で生成できます。',
  'landing.steps': '注文の流れ',
  'landing.step1': 'カタログで商品を選びます。',
  'landing.step2': '必要な内容を入力します。',
  'landing.step3': '会社の規定により、承認者が承認します。',
  'landing.step4': 'カードで支払います。',
  'landing.step5': 'AI エージェントが納品し、各段階でお知らせします。',
};
