// The developer console: plain DOM, no build step. Every text that came from a person is set with
// textContent (never innerHTML), so names, descriptions and comments are shown, never run.
'use strict';

const MESSAGES = {
  en: {
    title: 'Plugin console', tasklist: 'Tasklist', apiDocs: 'API docs', logout: 'Log out', login: 'Log in',
    username: 'User', password: 'Password', createPlugin: 'Create a plugin', pluginId: 'Plugin id', name: 'Name',
    description: 'Description', create: 'Create', myPlugins: 'My plugins', version: 'Version',
    versionNotes: 'Version notes', featurePackages: 'Feature packages (one per line)', basicInfo: 'Basic info',
    summary: 'Summary', category: 'Category', contactEmail: 'Contact email', usesPersonalData: 'Uses personal data',
    privacyPolicyUrl: 'Privacy-policy URL (https)', save: 'Save', uploadVersion: 'Upload a version',
    liveVersion: 'Live version', trialVersion: 'Trial version', none: 'none', noPlugins: 'No plugins yet.',
    noVersions: 'No versions yet.', status: 'Status', trial: 'trial', gray: 'Grayscale', submitted: 'Submitted',
    reviewed: 'Reviewed', reviewer: 'Reviewer', rejectReason: 'Reject reason', findings: 'Pre-review findings',
    actions: 'Actions', history: 'History', hideHistory: 'Hide history', percentage: 'Percentage (1-99)',
    allPlugins: '← All plugins', previous: 'Previous', next: 'Next', more: 'More',
    deletedVersions: 'Deleted versions ({n})', statusWhenDeleted: 'Status when deleted', deletedBy: 'Deleted by',
    deletedAt: 'Deleted',
    etaPlace: 'Place {n} of {of} in the review queue', etaRange: 'likely within {from}–{to} {unit}',
    etaThin: 'too few recent reviews for an estimate', hours: 'hours', days: 'days',
    market: 'Market', marketTitle: 'Service market', search: 'Search', allCategories: 'All categories',
    subscribe: 'Subscribe', unsubscribe: 'Unsubscribe', subscribers: 'Subscribers', subscribed: 'Subscribed',
    unavailable: 'Unavailable: taken offline', runs: 'Your mini-programs run', noMarket: 'Nothing in the market yet.',
    'runs.TRIAL': 'the trial version', 'runs.GRAY': 'the grayscale version', 'runs.LIVE': 'the live version',
    'runs.NONE': 'nothing', listing: 'Market listing', listingTitle: 'Title', supportContact: 'Support contact',
    supportUrl: 'Support URL (https)', requestListing: 'Ask to list', unlist: 'Unlist', listed: 'Listed',
    notListed: 'Not listed', proposed: 'Under review', 'listing.IN_REVIEW': 'Listing under review',
    'listing.LISTED': 'Listed', 'listing.REJECTED': 'Listing rejected', 'listing.UNLISTED': 'Not listed',
    confirmUnlist: 'Take {p} out of the market? Subscriptions stay.', trialMembers: 'Trial members (one per line)',
    'plugin.TAKE_OFFLINE': 'Take offline', 'plugin.BRING_ONLINE': 'Bring back online',
    'confirm.TAKE_OFFLINE': 'Take {p} offline? Merchants run nothing until it is back.',
    'confirm.BRING_ONLINE': 'Bring {p} back online?', offlineNow: 'Offline: version {v} was taken offline.',
    'action.ROLLBACK': 'Roll back to this version', 'confirm.ROLLBACK': 'Make version {v} live again? The live one goes offline.',
    'event.ROLLED_BACK': 'rolled back', 'event.BROUGHT_ONLINE': 'back online',
    'event.EXPEDITED': 'expedite asked', 'event.MESSAGE_POSTED': 'message', 'event.APPEALED': 'appealed',
    'event.APPEAL_UPHELD': 'approved on appeal', 'event.APPEAL_DENIED': 'appeal denied',
    'action.EXPEDITE': 'Expedite review', 'action.APPEAL': 'Appeal the rejection',
    expediteTitle: 'Expedite the review of {v}', appealTitle: 'Appeal the rejection of {v}',
    expediteReason: 'Why it should go faster (uses one of your expedites this month)',
    appealReason: 'Why the rejection should be reversed (one appeal per version; a review lead decides)',
    send: 'Send', conversation: 'Conversation', conversationTitle: 'Conversation about {v}',
    reply: 'Your reply (the reviewer answers in Tasklist)', fails: 'Fails', expedited: 'Expedited',
    webhooks: 'Webhooks', webhookUrl: 'Receiver URL (https)', addWebhook: 'Add webhook',
    webhookSecret: 'Its signing secret, shown this once; keep it to check the Plugin-Review-Signature header:',
    webhookEvents: '{n} event types', deliveries: 'Deliveries', noWebhooks: 'No webhooks yet.',
    noDeliveries: 'No deliveries yet.', removeWebhook: 'Remove', confirmRemoveWebhook: 'Stop sending events to {u}?',
    mailSettings: 'Mail settings', 'mail.REJECTED': 'Rejections', 'mail.APPROVED': 'Approvals',
    'mail.LIVE': 'Go-live', 'mail.ESCALATED': 'Overdue reviews', 'mail.GRAYSCALE': 'Grayscale changes',
    mailIntro: 'Mails about the versions you submit:', saved: 'Saved.',
    'appeal.PENDING': 'Appeal waiting for a review lead', 'appeal.UPHELD': 'Approved on appeal',
    'appeal.DENIED': 'Appeal denied', 'kind.REJECTED': 'Rejected',
    'kind.APPEALED': 'Appeal', 'kind.APPEAL_UPHELD': 'Appeal upheld', 'kind.APPEAL_DENIED': 'Appeal denied',
    confirm: 'Confirm', cancel: 'Cancel', loggedInAs: 'Logged in as', badLogin: 'Wrong user or password.',
    confirmDelete: 'Delete version {v}? Its history stays.', done: 'Done.', selfCheckTitle: 'Pre-submission self-check of {v}',
    editTitle: 'Edit version {v}', grayTitle: 'Grayscale test of {v}',
    'action.EDIT': 'Edit', 'action.DELETE': 'Delete', 'action.SET_TRIAL': 'Set as trial version',
    'action.CANCEL_TRIAL': 'Cancel trial version', 'action.SUBMIT': 'Submit for review',
    'action.SELF_CHECK': 'Self-check', 'action.WITHDRAW': 'Withdraw review', 'action.START_GRAY': 'Grayscale test',
    'action.RAISE_GRAY': 'Raise grayscale', 'action.CANCEL_GRAY': 'Cancel grayscale', 'action.RELEASE': 'Go live',
    'action.RETURN_TO_DEVELOPMENT': 'Return to development',
    'item.FEATURE_PACKAGES': 'The feature packages are added',
    'item.VERSION_INFO': 'Version info checked: the version number can no longer change',
    'item.BASIC_INFO': 'Basic info checked', 'item.REVIEW_STANDARD': 'The content follows the review standard',
    'item.TESTED': 'Tested as a trial version',
    'status.DEVELOPMENT': 'In development', 'status.SELF_CHECK': 'Self-check', 'status.AUDITING': 'Under review',
    'status.AUDIT_REJECTED': 'Review rejected', 'status.APPROVED': 'Approved', 'status.GRAY': 'Grayscale',
    'status.RELEASED': 'Live', 'status.OFFLINE': 'Offline',
    'event.UPLOADED': 'uploaded', 'event.EDITED': 'edited', 'event.DELETED': 'deleted', 'event.TRIAL_SET': 'set as trial',
    'event.TRIAL_CANCELLED': 'trial cancelled', 'event.SUBMITTED': 'submitted',
    'event.SELF_CHECK_CONFIRMED': 'self-check confirmed', 'event.PRE_REVIEW_PASSED': 'pre-review passed',
    'event.PRE_REVIEW_FAILED': 'pre-review failed', 'event.WITHDRAWN': 'withdrawn', 'event.APPROVED': 'approved',
    'event.REJECTED': 'rejected', 'event.REVIEW_ESCALATED': 'review escalated', 'event.GRAY_STARTED': 'grayscale started',
    'event.GRAY_RAISED': 'grayscale raised', 'event.GRAY_CANCELLED': 'grayscale cancelled', 'event.RELEASED': 'went live',
    'event.TAKEN_OFFLINE': 'taken offline', 'event.RETURNED_TO_DEVELOPMENT': 'returned to development',
    'reason.FUNCTIONALITY': 'Functionality', 'reason.CONTENT': 'Content', 'reason.PRIVACY_SECURITY': 'Privacy and security',
    'reason.INFORMATION': 'Information', 'reason.OTHER': 'Other',
    'finding.FEATURE_PACKAGES_MISSING': 'Add at least one feature package.',
    'finding.BASIC_INFO_NAME_MISSING': 'Give the basic info a name.',
    'finding.BASIC_INFO_SUMMARY_MISSING': 'Give the basic info a summary.',
    'finding.BASIC_INFO_DESCRIPTION_MISSING': 'Give the basic info a description.',
    'finding.BASIC_INFO_CATEGORY_MISSING': 'Give the basic info a category.',
    'finding.BASIC_INFO_CONTACT_MISSING': 'Give the basic info a contact email.',
    'finding.PRIVACY_POLICY_URL_REQUIRED': 'The plugin uses personal data, so it needs a privacy-policy URL starting with https://.',
    preReviewFailed: 'The automatic pre-review failed. Fix these, then submit again:',
    preReviewFailedShort: 'The automatic pre-review sent the version back: see what to fix below.',
    'field.description': 'version notes', 'field.featurePackages': 'feature packages', 'field.basicInfo': 'basic info',
    preReviewWarning: 'The pre-review will send this version back:',
    'confirm.RELEASE': 'Take version {v} live? It replaces the live version for every user.',
    'confirm.WITHDRAW': 'Withdraw version {v} from review?',
    'confirm.RETURN_TO_DEVELOPMENT': 'Return version {v} to development? It must be reviewed again.',
    'confirm.CANCEL_GRAY': 'Cancel the grayscale test of version {v}?',
    throttled: 'Too many failed logins. Try again in {s} seconds.',
  },
  zh: {
    title: '插件控制台', tasklist: '任务列表', apiDocs: 'API 文档', logout: '退出', login: '登录',
    username: '用户名', password: '密码', createPlugin: '创建插件', pluginId: '插件 ID', name: '名称',
    description: '描述', create: '创建', myPlugins: '我的插件', version: '版本号',
    versionNotes: '版本说明', featurePackages: '功能包（每行一个）', basicInfo: '基本信息',
    summary: '简介', category: '类目', contactEmail: '联系邮箱', usesPersonalData: '使用用户个人信息',
    privacyPolicyUrl: '隐私政策链接（https）', save: '保存', uploadVersion: '上传版本',
    liveVersion: '线上版本', trialVersion: '体验版', none: '无', noPlugins: '还没有插件。',
    noVersions: '还没有版本。', status: '状态', trial: '体验版', gray: '灰度', submitted: '提交时间',
    reviewed: '审核时间', reviewer: '审核人', rejectReason: '驳回原因', findings: '预审问题',
    actions: '操作', history: '历史', hideHistory: '收起历史', percentage: '比例（1-99）',
    allPlugins: '← 全部插件', previous: '上一页', next: '下一页', more: '更多',
    deletedVersions: '已删除的版本（{n}）', statusWhenDeleted: '删除时状态', deletedBy: '删除人', deletedAt: '删除时间',
    etaPlace: '审核排队第 {n} 位（共 {of} 个）', etaRange: '预计 {from}–{to} {unit}内完成', etaThin: '近期审核太少，暂无预计',
    hours: '小时', days: '天',
    market: '服务市场', marketTitle: '服务市场', search: '搜索', allCategories: '全部类目',
    subscribe: '订购', unsubscribe: '取消订购', subscribers: '订购数', subscribed: '已订购',
    unavailable: '不可用：已下线', runs: '您的小程序运行', noMarket: '市场中还没有插件。',
    'runs.TRIAL': '体验版', 'runs.GRAY': '灰度版本', 'runs.LIVE': '线上版', 'runs.NONE': '无',
    listing: '市场上架', listingTitle: '标题', supportContact: '支持联系人', supportUrl: '支持链接（https）',
    requestListing: '申请上架', unlist: '下架', listed: '已上架', notListed: '未上架', proposed: '审核中',
    'listing.IN_REVIEW': '上架审核中', 'listing.LISTED': '已上架', 'listing.REJECTED': '上架被驳回',
    'listing.UNLISTED': '未上架', confirmUnlist: '将 {p} 从市场下架？订购会保留。',
    trialMembers: '体验成员（每行一个）', 'plugin.TAKE_OFFLINE': '下线', 'plugin.BRING_ONLINE': '重新上线',
    'confirm.TAKE_OFFLINE': '确认将 {p} 下线？上线前商家将无法使用。', 'confirm.BRING_ONLINE': '确认将 {p} 重新上线？',
    offlineNow: '已下线：版本 {v} 已被下线。', 'action.ROLLBACK': '回退到此版本',
    'confirm.ROLLBACK': '确认将版本 {v} 重新上线？当前线上版将下线。',
    'event.ROLLED_BACK': '版本回退', 'event.BROUGHT_ONLINE': '重新上线',
    'event.EXPEDITED': '申请加急', 'event.MESSAGE_POSTED': '留言', 'event.APPEALED': '提出申诉',
    'event.APPEAL_UPHELD': '申诉成立，审核通过', 'event.APPEAL_DENIED': '申诉被驳回',
    'action.EXPEDITE': '加急审核', 'action.APPEAL': '申诉驳回',
    expediteTitle: '加急审核版本 {v}', appealTitle: '申诉版本 {v} 的驳回',
    expediteReason: '加急理由（占用本月一次加急额度）', appealReason: '申诉理由（每个版本可申诉一次，由审核组长决定）',
    send: '发送', conversation: '沟通', conversationTitle: '关于版本 {v} 的沟通',
    reply: '您的回复（审核人在 Tasklist 中答复）', fails: '不符合', expedited: '已加急',
    webhooks: 'Webhook 通知', webhookUrl: '接收地址（https）', addWebhook: '添加 Webhook',
    webhookSecret: '签名密钥仅显示这一次，请保存，用于校验 Plugin-Review-Signature 头：',
    webhookEvents: '{n} 种事件', deliveries: '投递记录', noWebhooks: '还没有 Webhook。', noDeliveries: '还没有投递。',
    removeWebhook: '删除', confirmRemoveWebhook: '不再向 {u} 发送事件？',
    mailSettings: '邮件设置', 'mail.REJECTED': '审核驳回', 'mail.APPROVED': '审核通过', 'mail.LIVE': '上线',
    'mail.ESCALATED': '审核超时', 'mail.GRAYSCALE': '灰度变更', mailIntro: '关于您提交的版本的邮件：', saved: '已保存。',
    'appeal.PENDING': '申诉等待审核组长处理', 'appeal.UPHELD': '申诉成立', 'appeal.DENIED': '申诉被驳回',
    'kind.REJECTED': '驳回', 'kind.APPEALED': '申诉', 'kind.APPEAL_UPHELD': '申诉成立',
    'kind.APPEAL_DENIED': '申诉被驳回',
    confirm: '确认', cancel: '取消', loggedInAs: '当前用户', badLogin: '用户名或密码错误。',
    confirmDelete: '删除版本 {v}？审核历史会保留。', done: '已完成。', selfCheckTitle: '版本 {v} 提审前自检',
    editTitle: '编辑版本 {v}', grayTitle: '版本 {v} 灰度测试',
    'action.EDIT': '编辑', 'action.DELETE': '删除', 'action.SET_TRIAL': '设为体验版',
    'action.CANCEL_TRIAL': '取消体验版', 'action.SUBMIT': '提交审核',
    'action.SELF_CHECK': '自检', 'action.WITHDRAW': '撤回审核', 'action.START_GRAY': '灰度测试',
    'action.RAISE_GRAY': '提高灰度', 'action.CANCEL_GRAY': '取消灰度', 'action.RELEASE': '上线',
    'action.RETURN_TO_DEVELOPMENT': '回退到开发版',
    'item.FEATURE_PACKAGES': '已添加功能包',
    'item.VERSION_INFO': '已检查版本信息：版本号提交后不可修改',
    'item.BASIC_INFO': '已检查基本信息', 'item.REVIEW_STANDARD': '内容符合审核规范',
    'item.TESTED': '已作为体验版测试',
    'status.DEVELOPMENT': '开发版', 'status.SELF_CHECK': '自检中', 'status.AUDITING': '审核中',
    'status.AUDIT_REJECTED': '审核驳回', 'status.APPROVED': '审核通过', 'status.GRAY': '灰度中',
    'status.RELEASED': '线上版', 'status.OFFLINE': '已下线',
    'event.UPLOADED': '上传', 'event.EDITED': '编辑', 'event.DELETED': '删除', 'event.TRIAL_SET': '设为体验版',
    'event.TRIAL_CANCELLED': '取消体验版', 'event.SUBMITTED': '提交审核',
    'event.SELF_CHECK_CONFIRMED': '完成自检', 'event.PRE_REVIEW_PASSED': '预审通过',
    'event.PRE_REVIEW_FAILED': '预审未通过', 'event.WITHDRAWN': '撤回审核', 'event.APPROVED': '审核通过',
    'event.REJECTED': '审核驳回', 'event.REVIEW_ESCALATED': '审核超时升级', 'event.GRAY_STARTED': '开始灰度',
    'event.GRAY_RAISED': '提高灰度', 'event.GRAY_CANCELLED': '取消灰度', 'event.RELEASED': '上线',
    'event.TAKEN_OFFLINE': '下线', 'event.RETURNED_TO_DEVELOPMENT': '回退到开发版',
    'reason.FUNCTIONALITY': '功能问题', 'reason.CONTENT': '内容问题', 'reason.PRIVACY_SECURITY': '隐私与安全',
    'reason.INFORMATION': '信息不全', 'reason.OTHER': '其他',
    'finding.FEATURE_PACKAGES_MISSING': '请至少添加一个功能包。',
    'finding.BASIC_INFO_NAME_MISSING': '请填写基本信息中的名称。',
    'finding.BASIC_INFO_SUMMARY_MISSING': '请填写基本信息中的简介。',
    'finding.BASIC_INFO_DESCRIPTION_MISSING': '请填写基本信息中的描述。',
    'finding.BASIC_INFO_CATEGORY_MISSING': '请填写基本信息中的类目。',
    'finding.BASIC_INFO_CONTACT_MISSING': '请填写基本信息中的联系邮箱。',
    'finding.PRIVACY_POLICY_URL_REQUIRED': '插件使用用户个人信息，需要填写以 https:// 开头的隐私政策链接。',
    preReviewFailed: '自动预审未通过。请修改以下内容后重新提交：',
    preReviewFailedShort: '自动预审已退回此版本：请按下方提示修改。',
    'field.description': '版本说明', 'field.featurePackages': '功能包', 'field.basicInfo': '基本信息',
    preReviewWarning: '预审将退回此版本：',
    'confirm.RELEASE': '确认将版本 {v} 上线？它将替换所有用户的线上版本。',
    'confirm.WITHDRAW': '确认撤回版本 {v} 的审核？',
    'confirm.RETURN_TO_DEVELOPMENT': '确认将版本 {v} 回退到开发版？之后需要重新审核。',
    'confirm.CANCEL_GRAY': '确认取消版本 {v} 的灰度测试？',
    throttled: '登录失败次数过多，请 {s} 秒后再试。',
  },
};
const CHECKLIST = ['FEATURE_PACKAGES', 'VERSION_INFO', 'BASIC_INFO', 'REVIEW_STANDARD', 'TESTED'];
const $ = (id) => document.getElementById(id);

let lang = localStorage.getItem('lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
let credentials = sessionStorage.getItem('credentials');
let user = sessionStorage.getItem('user');
let merchant = !!sessionStorage.getItem('merchant');
const openHistory = new Set();

/** The label for a code, or the fallback when there is none (a code newer than this page). */
function labelOr(key, fallback) {
  return t(key) === key ? fallback : t(key);
}

function t(key, vars) {
  let text = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  Object.entries(vars || {}).forEach(([k, v]) => { text = text.replace('{' + k + '}', v); });
  return text;
}

/** Builds an element; strings become text nodes, so nothing is ever parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => {
    if (c === null || c === undefined || c === false) return;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  });
  return el;
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-lang]').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
}

function showError(problem) {
  const box = $('error');
  // people read the explanation; the code stays for scripts and support
  box.textContent = problem ? (problem.detail || problem.title || problem) : '';
  if (problem && problem.code) box.dataset.code = problem.code; else delete box.dataset.code;
  box.hidden = !problem;
  if (problem) $('notice').hidden = true;
}

function showNotice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  $('error').hidden = true;
}

async function api(method, path, body) {
  const headers = { 'Authorization': 'Basic ' + credentials, 'X-Requested-With': 'XMLHttpRequest' };
  // every change is JSON, even with no body: the server refuses anything else
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw data || { detail: response.statusText, code: String(response.status) };
  return data;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '-';
}

function lines(text) {
  return text.split('\n').map((s) => s.trim()).filter((s) => s);
}

// ---------------------------------------------------------------------------- rendering

const PAGE_SIZE = 50;

/** "#/plugins/{id}" is a plugin's page with its versions; anything else the list, "#/page/{n}" its page n. */
function route() {
  if (location.hash === '#/market') return { market: true };
  const plugin = location.hash.match(/^#\/plugins\/(.+)$/);
  if (plugin) return { plugin: decodeURIComponent(plugin[1]) };
  const page = location.hash.match(/^#\/page\/(\d+)$/);
  return { page: page ? Number(page[1]) : 0 };
}

/** Renders overlap (a language switch, then a link); only the newest one may fill the page. */
let renders = 0;

async function render() {
  showLoggedIn();
  const list = $('plugins');
  const where = route();
  const mine = ++renders;
  try {
    if (where.market) {
      const content = await marketPage();
      if (mine !== renders) return;
      $('list-title').hidden = true;
      list.replaceChildren(content);
    } else if (where.plugin) {
      const path = '/api/plugins/' + encodeURIComponent(where.plugin);
      const [plugin, deleted, listing] = await Promise.all([api('GET', path),
        api('GET', path + '/deleted-versions?size=100'), api('GET', path + '/listing').catch(() => null)]);
      // a version under review shows its place in the queue and a likely range, never a promise
      etas = Object.fromEntries(await Promise.all(plugin.versions.filter((v) => v.status === 'AUDITING')
        .map((v) => api('GET', versionPath(plugin, v) + '/eta').then((e) => [v.version, e], () => [v.version, null]))));
      const histories = await Promise.all([...openHistory].filter((k) => k.startsWith(plugin.pluginId + '/'))
        .map(loadHistory));
      if (mine !== renders) return;
      $('list-title').hidden = true;
      list.replaceChildren(h('p', {}, h('a', { href: '#/', class: 'back' }, t('allPlugins'))),
        pluginCard(plugin, deleted, listing));
      histories.forEach(([key, events]) => fillHistory(key, events));
    } else {
      const plugins = await api('GET', '/api/plugins?page=' + where.page + '&size=' + PAGE_SIZE);
      if (mine !== renders) return;
      $('list-title').hidden = false;
      list.replaceChildren(plugins.length ? pluginList(plugins) : h('p', { class: 'muted' }, t('noPlugins')),
        pager(where.page, plugins.length), merchant ? null : mailSettings());
    }
  } catch (problem) {
    if (problem && problem.code === 'UNAUTHENTICATED') return logout();
    showError(problem);
  }
}

/** The list: one line per plugin, its live and trial versions, a link to its page. */
function pluginList(plugins) {
  return h('table', { class: 'plugin-list' },
    h('thead', {}, h('tr', {}, ['name', 'pluginId', 'liveVersion', 'trialVersion'].map((k) => h('th', {}, t(k))))),
    h('tbody', {}, plugins.map((p) => h('tr', { 'data-plugin-row': p.pluginId },
      h('td', {}, h('a', { href: '#/plugins/' + encodeURIComponent(p.pluginId) }, p.name)),
      h('td', { class: 'muted' }, p.pluginId),
      h('td', {}, p.liveVersion || t('none')),
      h('td', {}, p.trialVersion || t('none'))))));
}

function pager(page, count) {
  return h('nav', { class: 'pager' },
    page > 0 ? h('a', { href: '#/page/' + (page - 1) }, t('previous')) : null,
    count === PAGE_SIZE ? h('a', { href: '#/page/' + (page + 1) }, t('next')) : null);
}

function pluginCard(plugin, deleted, listing) {
  const upload = versionForm(null, async (body) => {
    await act(plugin.pluginId, () => api('POST', pluginPath(plugin) + '/versions', body));
  });
  return h('section', { class: 'card plugin', 'data-plugin': plugin.pluginId },
    h('h3', {}, plugin.name, ' ', h('span', { class: 'muted' }, '(' + plugin.pluginId + ')')),
    plugin.description ? h('p', { class: 'muted' }, plugin.description) : null,
    plugin.offlineVersion ? h('p', { class: 'findings warning' }, t('offlineNow', { v: plugin.offlineVersion })) : null,
    h('p', {}, t('liveVersion') + ': ', h('strong', { class: 'live-version' }, plugin.liveVersion || t('none')),
      ' · ' + t('trialVersion') + ': ', h('strong', { class: 'trial-version' }, plugin.trialVersion || t('none'))),
    plugin.versions.length ? versionTable(plugin) : h('p', { class: 'muted' }, t('noVersions')),
    deleted.length ? deletedVersions(plugin, deleted) : null,
    plugin.owner === user ? afterGoLive(plugin, listing) : null,
    plugin.owner === user ? webhooksSection(plugin) : null,
    h('details', { class: 'upload' }, h('summary', {}, t('uploadVersion')), upload));
}

function versionTable(plugin) {
  const head = h('tr', {}, ['version', 'status', 'gray', 'submitted', 'reviewed', 'reviewer', 'rejectReason', 'actions']
    .map((k) => h('th', {}, t(k))));
  const rows = plugin.versions.flatMap((v) => {
    const key = plugin.pluginId + '/' + v.version;
    const reason = v.lastRejection ? [
      h('span', { class: 'reason' }, labelOr('reason.' + v.lastRejection.reasonCategory,
        v.lastRejection.reasonCategory) + ': ' + v.lastRejection.comment),
      v.lastRejection.findings.length ? h('ul', { class: 'cited' }, v.lastRejection.findings.map((f) =>
        h('li', { 'data-item': f.item }, t('fails') + ' ' + f.item + ' ' + (lang === 'zh' ? f.titleZh : f.title))))
        : null,
      h('div', {}, h('button', { type: 'button', class: 'link', 'data-action': 'CONVERSATION',
        onclick: () => openConversation(plugin, v) }, t('conversation'))),
    ] : '';
    return [
      h('tr', { class: 'version', 'data-version': v.version, 'data-status': v.status },
        h('td', {}, h('strong', {}, v.version), v.trial ? h('span', { class: 'trial' }, t('trial')) : null),
        h('td', {}, h('span', { class: 'status ' + v.status }, t('status.' + v.status)),
          v.findings.length ? findingsBox(v.findings, 'preReviewFailed') : null,
          v.expeditedAt && v.status === 'AUDITING' ? h('span', { class: 'badge expedited' }, t('expedited')) : null,
          v.appeal ? h('div', { class: 'badge appeal', 'data-appeal': v.appeal }, t('appeal.' + v.appeal)) : null,
          etas[v.version] ? etaLine(etas[v.version]) : null),
        h('td', { class: 'gray', 'data-label': t('gray') }, v.grayPercentage ? v.grayPercentage + '%' : '-'),
        h('td', { 'data-label': t('submitted') }, when(v.submittedAt)),
        h('td', { 'data-label': t('reviewed') }, when(v.reviewedAt)),
        h('td', { 'data-label': t('reviewer') }, v.reviewer || '-'),
        h('td', { class: 'rejection', 'data-label': t('rejectReason') }, reason),
        h('td', {}, h('div', { class: 'actions' }, actionButtons(plugin, v), historyButton(key)))),
      h('tr', { class: 'panel-row', 'data-panel': key }, h('td', { colspan: 8 })),
      historyRow(key, 8),
    ];
  });
  return h('table', {}, h('thead', {}, head), h('tbody', {}, rows));
}

function historyButton(key) {
  return h('button', { type: 'button', class: 'link', 'data-action': 'HISTORY', onclick: () => toggleHistory(key) },
    openHistory.has(key) ? t('hideHistory') : t('history'));
}

function historyRow(key, columns) {
  return h('tr', { class: 'history-row', 'data-history': key, hidden: !openHistory.has(key) }, h('td', { colspan: columns }));
}

/** Deleted versions stay findable with their history, folded away under the live ones. */
const openDeleted = new Set();

function deletedVersions(plugin, deleted) {
  const box = h('details', { class: 'deleted-versions', open: openDeleted.has(plugin.pluginId) },
    h('summary', {}, t('deletedVersions', { n: deleted.length })),
    h('table', {},
      h('thead', {}, h('tr', {}, ['version', 'statusWhenDeleted', 'deletedBy', 'deletedAt', 'actions']
        .map((k) => h('th', {}, t(k))))),
      h('tbody', {}, deleted.flatMap((d) => {
        const key = plugin.pluginId + '/' + d.version;
        return [
          h('tr', { class: 'deleted', 'data-deleted-version': d.version },
            h('td', {}, h('strong', {}, d.version)),
            h('td', { 'data-label': t('statusWhenDeleted') }, labelOr('status.' + d.status, d.status)),
            h('td', { 'data-label': t('deletedBy') }, d.deletedBy),
            h('td', { 'data-label': t('deletedAt') }, when(d.deletedAt)),
            h('td', {}, historyButton(key))),
          historyRow(key, 5),
        ];
      }))));
  box.addEventListener('toggle', () => {
    if (box.open) openDeleted.add(plugin.pluginId); else openDeleted.delete(plugin.pluginId);
  });
  return box;
}

let etas = {};

/** "Place 3 of 12 in the review queue, likely within 4–9 hours": a range from recent reviews. */
function etaLine(e) {
  const place = t('etaPlace', { n: e.position, of: e.queueLength });
  if (!e.likelyFrom) return h('div', { class: 'eta muted' }, place + ' · ' + t('etaThin'));
  const hoursFrom = Math.max(0, (new Date(e.likelyFrom) - Date.now()) / 3.6e6);
  const hoursTo = Math.max(1, (new Date(e.likelyTo) - Date.now()) / 3.6e6);
  const days = hoursTo > 48;
  const from = days ? Math.floor(hoursFrom / 24) : Math.floor(hoursFrom);
  const to = days ? Math.ceil(hoursTo / 24) : Math.ceil(hoursTo);
  return h('div', { class: 'eta muted', 'data-eta': '' }, place + ' · '
    + t('etaRange', { from, to, unit: t(days ? 'days' : 'hours') }));
}

/** Pre-review findings in plain words, as a failure (or, before a self-check, as a warning). */
function findingsBox(findings, heading) {
  return h('div', { class: heading === 'preReviewFailed' ? 'findings failure' : 'findings warning', role: 'alert' },
    h('strong', {}, t(heading)),
    h('ul', {}, findings.map((f) => h('li', { 'data-finding': f.code }, labelOr('finding.' + f.code, f.detail)))));
}

/** What the pre-review would find, as far as the page can tell before the self-check is sent. */
function expectedFindings(v) {
  const info = v.basicInfo || {};
  const url = info.privacyPolicyUrl || '';
  return info.usesPersonalData && !(url.toLowerCase().startsWith('https://') && url.length > 8)
    ? [{ code: 'PRIVACY_POLICY_URL_REQUIRED' }] : [];
}

/** The step a version waits for, in the order the seed's version list offers them; the rest go under "More". */
const MAIN_ACTIONS = ['SELF_CHECK', 'SUBMIT', 'RELEASE', 'WITHDRAW'];

function actionButtons(plugin, v) {
  // what reviewers and leads decide is theirs to do in Tasklist
  const allowed = v.actions.filter((a) => !['APPROVE', 'REJECT', 'UPHOLD_APPEAL', 'DENY_APPEAL'].includes(a));
  const main = MAIN_ACTIONS.find((a) => allowed.includes(a));
  const button = (action, cls) => h('button', { type: 'button', 'data-action': action, class: cls,
    onclick: (e) => { const menu = e.target.closest('details.more'); if (menu) menu.open = false; runAction(plugin, v, action); } },
  t('action.' + action));
  const rest = allowed.filter((a) => a !== main);
  return [
    // withdrawing is offered, never urged
    main ? button(main, main === 'WITHDRAW' ? null : 'primary') : null,
    rest.length ? h('details', { class: 'more' }, h('summary', {}, t('more')),
      h('div', { class: 'menu' }, rest.map((a) => button(a, a === 'DELETE' ? 'danger' : null)))) : null,
  ];
}

/** A version's form opens under its row, with a title and a way out; one at a time per version. */
function panel(plugin, v, title, content) {
  const cell = document.querySelector('[data-panel="' + CSS.escape(plugin.pluginId + '/' + v.version) + '"] td');
  cell.replaceChildren(content ? h('section', { class: 'panel', 'aria-label': title },
    h('div', { class: 'panel-head' }, h('strong', {}, title),
      h('button', { type: 'button', class: 'link', 'data-cancel': '', onclick: () => panel(plugin, v) }, t('cancel'))),
    content) : '');
}

function versionPath(plugin, v) {
  return pluginPath(plugin) + '/versions/' + encodeURIComponent(v.version);
}

function pluginPath(plugin) {
  return '/api/plugins/' + encodeURIComponent(plugin.pluginId);
}

/** Runs a change; its outcome is told beside the plugin it concerns (or on top when there is none yet). */
async function act(pluginId, call) {
  showError(null);
  $('notice').hidden = true;
  try {
    const result = await call();
    await render();
    // a self-check the pre-review sends back is an outcome to fix, not a success
    if (result && Array.isArray(result.findings) && result.findings.length) tell(pluginId, 'error', t('preReviewFailedShort'));
    else tell(pluginId, 'notice', t('done'));
    return true;
  } catch (problem) {
    // no re-render: what the user typed stays in its form
    tell(pluginId, 'error', problem.detail || problem.title || String(problem), problem.code);
    return false;
  }
}

function tell(pluginId, kind, text, code) {
  const card = pluginId && document.querySelector('[data-plugin="' + CSS.escape(pluginId) + '"], [data-market-plugin="' + CSS.escape(pluginId) + '"]');
  if (!card) {
    if (kind === 'error') showError({ detail: text, code }); else showNotice(text);
    return;
  }
  document.querySelectorAll('.card-message').forEach((m) => m.remove());
  const box = h('div', { class: 'card-message ' + kind, role: kind === 'error' ? 'alert' : 'status', 'data-code': code },
    text);
  card.querySelector('h3').after(box);
  if (kind === 'notice') setTimeout(() => box.remove(), 5000); // a confirmation is true for a moment only
}

function runAction(plugin, v, action) {
  const path = versionPath(plugin, v);
  switch (action) {
    case 'SUBMIT': return act(plugin.pluginId, () => api('POST', path + '/submit'));
    case 'WITHDRAW': return confirmed(action, v) && act(plugin.pluginId, () => api('POST', path + '/withdraw'));
    case 'SET_TRIAL': return act(plugin.pluginId, () => api('PUT', pluginPath(plugin) + '/trial', { version: v.version }));
    case 'CANCEL_TRIAL': return act(plugin.pluginId, () => api('DELETE', pluginPath(plugin) + '/trial'));
    case 'CANCEL_GRAY': return confirmed(action, v) && act(plugin.pluginId, () => api('DELETE', path + '/gray'));
    case 'RELEASE': return confirmed(action, v) && act(plugin.pluginId, () => api('POST', path + '/release'));
    case 'RETURN_TO_DEVELOPMENT': return confirmed(action, v) && act(plugin.pluginId, () => api('POST', path + '/return-to-development'));
    case 'ROLLBACK': return confirmed(action, v) && act(plugin.pluginId, () => api('POST', path + '/rollback'));
    case 'DELETE':
      return window.confirm(t('confirmDelete', { v: v.version })) ? act(plugin.pluginId, () => api('DELETE', path)) : null;
    case 'SELF_CHECK': return panel(plugin, v, t('selfCheckTitle', { v: v.version }), selfCheckForm(plugin, v));
    case 'EXPEDITE': return panel(plugin, v, t('expediteTitle', { v: v.version }),
      textForm('expedite-form', t('expediteReason'), 500, (reason) => act(plugin.pluginId,
        () => api('POST', path + '/expedite', { reason }))));
    case 'APPEAL': return panel(plugin, v, t('appealTitle', { v: v.version }),
      textForm('appeal-form', t('appealReason'), 2000, (reason) => act(plugin.pluginId,
        () => api('POST', path + '/appeal', { reason }))));
    case 'START_GRAY': case 'RAISE_GRAY': return panel(plugin, v, t('grayTitle', { v: v.version }), grayForm(plugin, v));
    case 'EDIT': return panel(plugin, v, t('editTitle', { v: v.version }),
      versionForm(v, (body) => act(plugin.pluginId, () => api('PATCH', path, body))));
    default: return null;
  }
}

/** Risky actions ask first; the answer is the browser's own dialog, which every user agent makes accessible. */
function confirmed(action, v) {
  return window.confirm(t('confirm.' + action, { v: v.version }));
}

function selfCheckForm(plugin, v) {
  const path = versionPath(plugin, v);
  const expected = expectedFindings(v);
  const form = h('form', { class: 'self-check-form' },
    expected.length ? findingsBox(expected, 'preReviewWarning') : null,
    CHECKLIST.map((item) => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', name: 'items', value: item }), h('span', {}, t('item.' + item)))),
    h('button', { type: 'submit', 'data-confirm': 'SELF_CHECK' }, t('confirm')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const items = [...form.querySelectorAll('input[name=items]:checked')].map((c) => c.value);
    act(plugin.pluginId, () => api('POST', path + '/self-check', { items }));
  });
  return form;
}

/** One required text and a send button: a reason, or a message. */
function textForm(cls, label, max, send) {
  const text = h('textarea', { name: 'text', required: true, maxlength: max, rows: 3 });
  const form = h('form', { class: cls }, h('label', {}, h('span', {}, label), text),
    h('button', { type: 'submit', 'data-confirm': cls }, t('send')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send(text.value);
  });
  return form;
}

/** The version's conversation since its rejection, and a reply; the reviewer answers in Tasklist. */
async function openConversation(plugin, v) {
  const path = versionPath(plugin, v) + '/messages';
  let thread;
  try {
    thread = await api('GET', path);
  } catch (problem) {
    tell(plugin.pluginId, 'error', problem.detail || String(problem), problem.code);
    return;
  }
  const list = h('ol', { class: 'timeline conversation' }, thread.map((m) => h('li', { 'data-kind': m.kind },
    h('strong', {}, m.author), ' ', h('span', { class: 'muted' }, when(m.time)
      + (m.kind === 'MESSAGE_POSTED' ? '' : ' · ' + labelOr('kind.' + m.kind, m.kind))),
    h('div', { class: 'comment' }, m.reasonCategory
      ? labelOr('reason.' + m.reasonCategory, m.reasonCategory) + ': ' + m.text : m.text),
    m.findings.length ? h('ul', { class: 'cited' }, m.findings.map((f) =>
      h('li', {}, t('fails') + ' ' + f.item + ' ' + (lang === 'zh' ? f.titleZh : f.title)))) : null)));
  const reply = textForm('message-form', t('reply'), 2000, async (text) => {
    try {
      await api('POST', path, { text });
      openConversation(plugin, v);
    } catch (problem) {
      tell(plugin.pluginId, 'error', problem.detail || String(problem), problem.code);
    }
  });
  panel(plugin, v, t('conversationTitle', { v: v.version }), h('div', {}, list, reply));
}

function grayForm(plugin, v) {
  const path = versionPath(plugin, v);
  const input = h('input', { type: 'number', name: 'percentage', min: 1, max: 99, step: 1,
    value: v.grayPercentage ? Math.min(99, v.grayPercentage + 10) : 10 });
  const form = h('form', { class: 'gray-form' }, h('label', {}, h('span', {}, t('percentage')), input),
    h('button', { type: 'submit', 'data-confirm': 'GRAY' }, t('confirm')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(plugin.pluginId, () => api('POST', path + '/gray', { percentage: Number(input.value) }));
  });
  return form;
}

/** The upload form, or the edit form when a version is given (its number cannot change). */
function versionForm(v, submit) {
  const form = $('version-form-template').content.firstElementChild.cloneNode(true);
  form.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const f = form.elements;
  if (v) {
    form.querySelector('.version-field').remove();
    f.description.value = v.description || '';
    f.featurePackages.value = v.featurePackages.join('\n');
    const info = v.basicInfo || {};
    f.infoName.value = info.name || ''; f.infoSummary.value = info.summary || '';
    f.infoDescription.value = info.description || ''; f.infoCategory.value = info.category || '';
    f.infoContactEmail.value = info.contactEmail || ''; f.infoUsesPersonalData.checked = !!info.usesPersonalData;
    f.infoPrivacyPolicyUrl.value = info.privacyPolicyUrl || '';
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const blank = (s) => (s.trim() ? s.trim() : null);
    const body = {
      description: blank(f.description.value),
      featurePackages: lines(f.featurePackages.value),
      basicInfo: {
        name: blank(f.infoName.value), summary: blank(f.infoSummary.value), description: blank(f.infoDescription.value),
        category: blank(f.infoCategory.value), contactEmail: blank(f.infoContactEmail.value),
        usesPersonalData: f.infoUsesPersonalData.checked, privacyPolicyUrl: blank(f.infoPrivacyPolicyUrl.value),
      },
    };
    if (!v) body.version = f.version.value.trim();
    submit(body);
  });
  return form;
}

async function loadHistory(key) {
  const [pluginId, version] = key.split('/');
  const events = await api('GET', '/api/plugins/' + encodeURIComponent(pluginId) + '/versions/'
    + encodeURIComponent(version) + '/history');
  return [key, events];
}

function fillHistory(key, events) {
  const row = document.querySelector('[data-history="' + CSS.escape(key) + '"]');
  if (!row) return;
  row.hidden = false;
  row.firstElementChild.replaceChildren(h('ol', { class: 'timeline' }, events.map((e) =>
    h('li', { 'data-event': e.action },
      h('strong', {}, t('event.' + e.action)), ' ',
      h('span', { class: 'muted' }, when(e.time) + ' · ' + e.actor
        + (e.from && e.from !== e.to ? ' · ' + t('status.' + e.from) + ' → ' + t('status.' + e.to) : '')),
      e.comment ? h('div', { class: 'comment' }, readableComment(e)) : null))));
}

/** History keeps the API's codes in some comments; people read them as labels. */
function readableComment(e) {
  if (e.action === 'PRE_REVIEW_FAILED') {
    return e.comment.split(', ').map((code) => labelOr('finding.' + code, code)).join(' ');
  }
  if (e.action === 'EDITED') {
    return e.comment.split(', ').map((field) => labelOr('field.' + field, field)).join(', ');
  }
  const colon = e.comment.indexOf(': ');
  if (e.action === 'REJECTED' && colon > 0) {
    const reason = e.comment.slice(0, colon);
    return labelOr('reason.' + reason, reason) + ': ' + e.comment.slice(colon + 2);
  }
  return e.comment;
}

async function toggleHistory(key) {
  if (openHistory.has(key)) openHistory.delete(key); else openHistory.add(key);
  await render();
}

// ---------------------------------------------------------------------------- hearing back: webhooks and mail

/** The owner's receivers of the plugin's events; read when opened. */
function webhooksSection(plugin) {
  const body = h('div', {});
  const section = h('details', { class: 'webhooks' }, h('summary', {}, t('webhooks')), body);
  section.addEventListener('toggle', () => { if (section.open) fillWebhooks(plugin, body); });
  return section;
}

async function fillWebhooks(plugin, body, secret) {
  const path = pluginPath(plugin) + '/webhooks';
  let hooks;
  try {
    hooks = await api('GET', path);
  } catch (problem) {
    tell(plugin.pluginId, 'error', problem.detail || String(problem), problem.code);
    return;
  }
  const url = h('input', { type: 'url', name: 'url', required: true, maxlength: 2000 });
  const form = h('form', { class: 'webhook-form' }, h('label', {}, h('span', {}, t('webhookUrl')), url),
    h('button', { type: 'submit' }, t('addWebhook')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await api('POST', path, { url: url.value });
      fillWebhooks(plugin, body, created.secret);
    } catch (problem) {
      tell(plugin.pluginId, 'error', problem.detail || String(problem), problem.code);
    }
  });
  body.replaceChildren(
    secret ? h('p', { class: 'findings warning' }, t('webhookSecret'), ' ', h('code', { 'data-secret': '' }, secret)) : null,
    hooks.length ? h('ul', { class: 'webhook-list' }, hooks.map((w) => {
      const attempts = h('div', {});
      return h('li', { 'data-webhook': w.id }, h('code', {}, w.url), ' ',
        h('span', { class: 'muted' }, t('webhookEvents', { n: w.events.length })), ' ',
        h('button', { type: 'button', class: 'link', 'data-action': 'DELIVERIES',
          onclick: () => showDeliveries(path + '/' + encodeURIComponent(w.id), attempts) }, t('deliveries')), ' ',
        h('button', { type: 'button', class: 'link', 'data-action': 'REMOVE_WEBHOOK', onclick: async () => {
          if (!window.confirm(t('confirmRemoveWebhook', { u: w.url }))) return;
          await api('DELETE', path + '/' + encodeURIComponent(w.id)).catch((problem) =>
            tell(plugin.pluginId, 'error', problem.detail || String(problem), problem.code));
          fillWebhooks(plugin, body);
        } }, t('removeWebhook')), attempts);
    })) : h('p', { class: 'muted' }, t('noWebhooks')),
    form);
}

async function showDeliveries(path, into) {
  const attempts = await api('GET', path + '/deliveries').catch(() => []);
  into.replaceChildren(attempts.length ? h('ol', { class: 'timeline deliveries' }, attempts.map((a) =>
    h('li', { 'data-outcome': a.outcome }, h('strong', {}, a.outcome), ' ', a.eventType, ' ',
      h('span', { class: 'muted' }, when(a.attemptedAt) + (a.httpStatus ? ' · HTTP ' + a.httpStatus : '')
        + (a.error ? ' · ' + a.error : ''))))) : h('p', { class: 'muted' }, t('noDeliveries')));
}

/** Which mails the signed-in person gets; each kind is on until they turn it off. */
function mailSettings() {
  const body = h('div', {});
  const section = h('details', { class: 'mail-settings' }, h('summary', {}, t('mailSettings')), body);
  section.addEventListener('toggle', async () => {
    if (!section.open) return;
    const settings = await api('GET', '/api/mail-settings').catch((problem) => { showError(problem); return null; });
    if (!settings) return;
    body.replaceChildren(h('p', { class: 'muted' }, t('mailIntro')), ...Object.entries(settings).map(([kind, on]) => {
      const box = h('input', { type: 'checkbox', name: kind });
      box.checked = on;
      box.addEventListener('change', () => api('PUT', '/api/mail-settings', { [kind]: box.checked })
        .then(() => showNotice(t('saved')), showError));
      return h('label', { class: 'inline' }, box, h('span', {}, t('mail.' + kind)));
    }));
  });
  return section;
}

// ---------------------------------------------------------------------------- after go-live: listing and market

/** The owner's part: the plugin offline or back, its market listing, and who runs the trial version. */
function afterGoLive(plugin, listing) {
  const path = pluginPath(plugin);
  const pluginActions = (plugin.actions || []).map((a) => h('button', { type: 'button', 'data-plugin-action': a,
    onclick: () => window.confirm(t('confirm.' + a, { p: plugin.name }))
      && act(plugin.pluginId, () => api('POST', path + (a === 'TAKE_OFFLINE' ? '/offline' : '/online'))) },
  t('plugin.' + a)));
  const actions = listing ? listing.actions : (plugin.liveVersion ? ['REQUEST_LISTING'] : []);
  const text = listing && (listing.proposed || listing.published);
  const form = h('form', { class: 'listing-form' },
    ['title', 'summary', 'category', 'description', 'supportContact', 'supportUrl'].map((f) =>
      h('label', {}, h('span', {}, t(f === 'title' ? 'listingTitle' : f)),
        h(f === 'description' ? 'textarea' : 'input', { name: f, value: text ? text[f] || '' : '' }))),
    h('button', { type: 'submit' }, t('requestListing')));
  if (text) form.elements.description.value = text.description || '';
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    ['title', 'summary', 'category', 'description', 'supportContact', 'supportUrl']
      .forEach((f) => { body[f] = form.elements[f].value.trim() || null; });
    act(plugin.pluginId, () => api('PUT', path + '/listing', body));
  });
  const members = h('textarea', { name: 'members', 'aria-label': t('trialMembers') });
  const trial = h('form', { class: 'trial-members-form' }, h('label', {}, h('span', {}, t('trialMembers')), members),
    h('button', { type: 'submit' }, t('save')));
  api('GET', path + '/trial-members').then((m) => { members.value = m.members.join('\n'); }).catch(() => null);
  trial.addEventListener('submit', (e) => {
    e.preventDefault();
    act(plugin.pluginId, () => api('PUT', path + '/trial-members', { members: lines(members.value) }));
  });
  return h('section', { class: 'after-live' },
    pluginActions.length ? h('div', { class: 'actions' }, pluginActions) : null,
    h('details', { class: 'listing', 'data-listing-status': listing ? listing.status : 'NONE' },
      h('summary', {}, t('listing') + ': ', listing ? t('listing.' + listing.status) : t('notListed')),
      listing && listing.lastRejection && listing.status === 'REJECTED'
        ? h('p', { class: 'rejection' }, labelOr('reason.' + listing.lastRejection.reasonCategory,
          listing.lastRejection.reasonCategory) + ': ' + listing.lastRejection.comment) : null,
      actions.includes('REQUEST_LISTING') ? form : null,
      actions.includes('UNLIST') ? h('button', { type: 'button', class: 'danger', 'data-unlist': '',
        onclick: () => window.confirm(t('confirmUnlist', { p: plugin.name }))
          && act(plugin.pluginId, () => api('DELETE', path + '/listing')) }, t('unlist')) : null),
    h('details', { class: 'trial-members' }, h('summary', {}, t('trialMembers')), trial));
}

/** The market: listed plugins to search; merchants subscribe and see which version they run. */
async function marketPage() {
  const params = new URLSearchParams(sessionStorage.getItem('marketQuery') || '');
  const found = await api('GET', '/api/market/plugins?' + params.toString());
  const search = h('form', { class: 'market-search', role: 'search' },
    h('label', {}, h('span', {}, t('search')), h('input', { name: 'q', value: params.get('q') || '' })),
    h('label', {}, h('span', {}, t('category')), h('input', { name: 'category', value: params.get('category') || '' })),
    h('button', { type: 'submit' }, t('search')));
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    ['q', 'category'].forEach((f) => { if (search.elements[f].value.trim()) q.set(f, search.elements[f].value.trim()); });
    sessionStorage.setItem('marketQuery', q.toString());
    render();
  });
  const cards = await Promise.all(found.map(async (p) => {
    const runs = p.subscribed ? await api('GET', '/api/market/plugins/' + encodeURIComponent(p.pluginId)
      + '/resolution').catch(() => null) : null;
    const path = '/api/market/plugins/' + encodeURIComponent(p.pluginId) + '/subscription';
    return h('section', { class: 'card market-plugin', 'data-market-plugin': p.pluginId },
      h('h3', {}, p.title, ' ', h('span', { class: 'muted' }, '(' + p.pluginId + ')')),
      h('p', {}, p.summary),
      h('p', { class: 'muted' }, t('category') + ': ' + p.category + ' · ' + t('liveVersion') + ': '
        + (p.liveVersion || t('none')) + ' · ' + t('subscribers') + ': ' + p.subscribers),
      p.available ? null : h('p', { class: 'findings warning' }, t('unavailable')),
      runs ? h('p', { class: 'resolution', 'data-reason': runs.reason }, t('runs') + ': ',
        h('strong', {}, runs.version || '-'), ' (' + t('runs.' + runs.reason) + ')') : null,
      h('button', { type: 'button', 'data-subscribe': p.subscribed ? 'off' : 'on',
        onclick: () => act(p.pluginId, () => api(p.subscribed ? 'DELETE' : 'PUT', path)) },
      p.subscribed ? t('unsubscribe') : t('subscribe')));
  }));
  return h('div', { class: 'market' }, h('h2', {}, t('marketTitle')), search,
    cards.length ? cards : h('p', { class: 'muted' }, t('noMarket')));
}

// ---------------------------------------------------------------------------- login

function showLoggedIn() {
  $('login-view').hidden = true;
  $('console-view').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = t('loggedInAs') + ' ' + user;
  // a merchant has no plugins of their own: the market is their page
  $('create-plugin').hidden = merchant;
}

function logout() {
  sessionStorage.clear();
  credentials = null;
  user = null;
  merchant = false;
  $('console-view').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login-view').hidden = false;
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $('login-username').value.trim();
  credentials = btoa(String.fromCharCode(...new TextEncoder().encode(name + ':' + $('login-password').value)));
  try {
    await api('GET', '/api/plugins');
    user = name;
    // only merchants may list subscriptions; the answer says which page to start on
    merchant = await api('GET', '/api/market/subscriptions?size=1').then(() => true, () => false);
    sessionStorage.setItem('credentials', credentials);
    sessionStorage.setItem('user', user);
    sessionStorage.setItem('merchant', merchant ? 'yes' : '');
    if (merchant && !location.hash) location.hash = '#/market';
    showError(null);
    await render();
  } catch (problem) {
    showError(problem && problem.code === 'UNAUTHENTICATED' ? t('badLogin')
      : problem && problem.code === 'LOGIN_THROTTLED' ? t('throttled', { s: problem.retryAfterSeconds }) : problem);
  }
});

$('create-plugin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = e.target.elements;
  const pluginId = f.pluginId.value.trim();
  act(pluginId, () => api('POST', '/api/plugins', {
    pluginId, name: f.name.value.trim(), description: f.description.value.trim() || null,
  }).then(() => { location.hash = '#/plugins/' + encodeURIComponent(pluginId); })) // its page, to upload to
    .then((ok) => { if (ok) { e.target.reset(); $('create-plugin').open = false; } }); // out of the way of the new page
});

$('logout').addEventListener('click', logout);
document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
  lang = b.dataset.lang;
  localStorage.setItem('lang', lang);
  applyLanguage();
  if (credentials) render();
}));

window.addEventListener('hashchange', () => { if (credentials) render(); });
applyLanguage();
if (credentials) render(); else logout();
