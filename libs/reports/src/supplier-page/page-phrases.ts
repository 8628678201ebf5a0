import type { MailLanguage } from '../supplier-mail/supplier-mail-templates';

/**
 * The answer page's own words, beside the message phrases it reuses (what is asked, the due date, the
 * link's last day: templates/<language>.json of supplier-mail). Kept in code, not in the company's
 * template folder: they explain the page's controls, not the company's request. Each is a handlebars
 * template over the page's facts. Written by the developer; a native speaker should review them.
 */
export interface PagePhrases {
  title: string;
  forSupplier: string;
  uploadHeading: string;
  uploadLabel: string;
  uploadHint: string;
  uploadButton: string;
  checking: string;
  findingsHeading: string;
  received: string;
  clean: string;
  cleanWithNotes: string;
  toFix: string;
  accepted: string;
  cell: string;
  severity: string;
  whatToFix: string;
  severities: { error: string; warning: string; 'red-flag': string; info: string };
  notFoundTitle: string;
  notFound: string;
  goneTitle: string;
  gone: string;
  refusedTitle: string;
  tooManyTitle: string;
  tooMany: string;
  language: string;
  periodLabel: string;
  templateLabel: string;
  caption: string;
}

export const PAGE_PHRASES: Record<MailLanguage, PagePhrases> = {
  en: {
    title: '{{company}}: your {{family}} for {{period}}',
    forSupplier: 'For {{supplierName}}',
    uploadHeading: 'Upload your workbook',
    uploadLabel: 'Your completed {{family}} workbook (.xlsx)',
    uploadHint: 'One file of up to {{limitMb}} MB. It is checked at once; you can upload a corrected file as often as you need.',
    uploadButton: 'Upload and check',
    checking: 'Checking your workbook…',
    findingsHeading: 'Check of your answer {{responseNumber}}',
    received: 'Received {{receivedAt}}{{#if fileName}} ({{fileName}}){{/if}}.',
    clean: 'No errors: your answer is complete. Thank you.',
    cleanWithNotes: 'No errors: your answer is complete. Thank you. The notes below need no new upload.',
    toFix: '{{errors}} {{#if one}}error{{else}}errors{{/if}} to fix. Correct the cells below in your workbook and upload it again.',
    accepted: '{{company}} has accepted this answer.',
    cell: 'Cell',
    severity: 'Severity',
    whatToFix: 'What to fix',
    severities: { error: 'Error', warning: 'Warning', 'red-flag': 'Red flag', info: 'Note' },
    notFoundTitle: 'This link does not work',
    notFound: 'Check that you opened the whole link from the message, or ask your contact for a new link.',
    goneTitle: 'This link no longer works',
    gone: 'Ask your contact for a new link.',
    refusedTitle: 'The file was not recorded',
    tooManyTitle: 'Too many requests',
    tooMany: 'Please wait {{seconds}} seconds, then try again.',
    language: 'Language',
    periodLabel: 'Reporting year',
    templateLabel: 'Template',
    caption: 'Findings, cell by cell',
  },
  zh: {
    title: '{{company}}：贵公司 {{period}} 年的 {{family}}',
    forSupplier: '致 {{supplierName}}',
    uploadHeading: '上传您的表格',
    uploadLabel: '填写完成的 {{family}} 表格（.xlsx）',
    uploadHint: '一个文件，最大 {{limitMb}} MB。上传后立即检查；您可以随时上传修改后的文件。',
    uploadButton: '上传并检查',
    checking: '正在检查您的表格…',
    findingsHeading: '第 {{responseNumber}} 次回复的检查结果',
    received: '已于 {{receivedAt}} 收到{{#if fileName}}（{{fileName}}）{{/if}}。',
    clean: '没有错误：您的回复已完整。谢谢。',
    cleanWithNotes: '没有错误：您的回复已完整。谢谢。以下提示无需重新上传。',
    toFix: '有 {{errors}} 个错误需要修改。请在表格中修改以下单元格后重新上传。',
    accepted: '{{company}} 已接受此回复。',
    cell: '单元格',
    severity: '级别',
    whatToFix: '需要修改的内容',
    severities: { error: '错误', warning: '警告', 'red-flag': '风险提示', info: '提示' },
    notFoundTitle: '此链接无效',
    notFound: '请确认您打开的是邮件中的完整链接，或向您的联系人索取新链接。',
    goneTitle: '此链接已失效',
    gone: '请向您的联系人索取新链接。',
    refusedTitle: '文件未被记录',
    tooManyTitle: '请求过多',
    tooMany: '请等待 {{seconds}} 秒后再试。',
    language: '语言',
    periodLabel: '报告年度',
    templateLabel: '模板',
    caption: '检查结果（按单元格）',
  },
  ja: {
    title: '{{company}}：{{period}}年 {{family}} のご回答',
    forSupplier: '{{supplierName}} 様',
    uploadHeading: 'ワークブックのアップロード',
    uploadLabel: 'ご記入済みの {{family}} ワークブック（.xlsx）',
    uploadHint: 'ファイルは1つ、最大 {{limitMb}} MB です。すぐに確認します。修正版は何度でもアップロードできます。',
    uploadButton: 'アップロードして確認',
    checking: 'ワークブックを確認しています…',
    findingsHeading: '回答 {{responseNumber}} の確認結果',
    received: '{{receivedAt}} に受領しました{{#if fileName}}（{{fileName}}）{{/if}}。',
    clean: 'エラーはありません。ご回答は完了です。ありがとうございました。',
    cleanWithNotes: 'エラーはありません。ご回答は完了です。以下の注記について再アップロードは不要です。',
    toFix: '修正が必要なエラーが {{errors}} 件あります。以下のセルを修正し、再度アップロードしてください。',
    accepted: '{{company}} はこの回答を承認しました。',
    cell: 'セル',
    severity: '重要度',
    whatToFix: '修正内容',
    severities: { error: 'エラー', warning: '警告', 'red-flag': '要注意', info: '注記' },
    notFoundTitle: 'このリンクは無効です',
    notFound: 'メールのリンク全体を開いたかご確認いただくか、ご担当者に新しいリンクをご依頼ください。',
    goneTitle: 'このリンクは有効期限が切れています',
    gone: 'ご担当者に新しいリンクをご依頼ください。',
    refusedTitle: 'ファイルは記録されませんでした',
    tooManyTitle: 'リクエストが多すぎます',
    tooMany: '{{seconds}} 秒お待ちいただいてから、もう一度お試しください。',
    language: '言語',
    periodLabel: '報告年',
    templateLabel: 'テンプレート',
    caption: '確認結果（セルごと）',
  },
  de: {
    title: '{{company}}: Ihr {{family}} für {{period}}',
    forSupplier: 'Für {{supplierName}}',
    uploadHeading: 'Arbeitsmappe hochladen',
    uploadLabel: 'Ihr ausgefülltes {{family}} (.xlsx)',
    uploadHint: 'Eine Datei bis {{limitMb}} MB. Sie wird sofort geprüft; eine korrigierte Datei können Sie beliebig oft hochladen.',
    uploadButton: 'Hochladen und prüfen',
    checking: 'Ihre Arbeitsmappe wird geprüft…',
    findingsHeading: 'Prüfung Ihrer Antwort {{responseNumber}}',
    received: 'Eingegangen am {{receivedAt}}{{#if fileName}} ({{fileName}}){{/if}}.',
    clean: 'Keine Fehler: Ihre Antwort ist vollständig. Vielen Dank.',
    cleanWithNotes: 'Keine Fehler: Ihre Antwort ist vollständig. Vielen Dank. Die Hinweise unten erfordern kein neues Hochladen.',
    toFix: '{{errors}} Fehler zu korrigieren. Korrigieren Sie die Zellen unten in Ihrer Arbeitsmappe und laden Sie sie erneut hoch.',
    accepted: '{{company}} hat diese Antwort angenommen.',
    cell: 'Zelle',
    severity: 'Schwere',
    whatToFix: 'Was zu korrigieren ist',
    severities: { error: 'Fehler', warning: 'Warnung', 'red-flag': 'Warnsignal', info: 'Hinweis' },
    notFoundTitle: 'Dieser Link funktioniert nicht',
    notFound:
      'Prüfen Sie, ob Sie den ganzen Link aus der Nachricht geöffnet haben, oder bitten Sie Ihre Ansprechperson um einen neuen Link.',
    goneTitle: 'Dieser Link ist nicht mehr gültig',
    gone: 'Bitten Sie Ihre Ansprechperson um einen neuen Link.',
    refusedTitle: 'Die Datei wurde nicht erfasst',
    tooManyTitle: 'Zu viele Anfragen',
    tooMany: 'Bitte warten Sie {{seconds}} Sekunden und versuchen Sie es dann erneut.',
    language: 'Sprache',
    periodLabel: 'Berichtsjahr',
    templateLabel: 'Vorlage',
    caption: 'Befunde, Zelle für Zelle',
  },
  es: {
    title: '{{company}}: su {{family}} de {{period}}',
    forSupplier: 'Para {{supplierName}}',
    uploadHeading: 'Suba su libro de Excel',
    uploadLabel: 'Su {{family}} completado (.xlsx)',
    uploadHint: 'Un archivo de hasta {{limitMb}} MB. Se revisa al instante; puede subir un archivo corregido tantas veces como necesite.',
    uploadButton: 'Subir y revisar',
    checking: 'Revisando su libro…',
    findingsHeading: 'Revisión de su respuesta {{responseNumber}}',
    received: 'Recibida el {{receivedAt}}{{#if fileName}} ({{fileName}}){{/if}}.',
    clean: 'Sin errores: su respuesta está completa. Gracias.',
    cleanWithNotes: 'Sin errores: su respuesta está completa. Gracias. Las notas de abajo no requieren subir otro archivo.',
    toFix: '{{errors}} {{#if one}}error{{else}}errores{{/if}} por corregir. Corrija las celdas de abajo en su libro y súbalo de nuevo.',
    accepted: '{{company}} ha aceptado esta respuesta.',
    cell: 'Celda',
    severity: 'Gravedad',
    whatToFix: 'Qué corregir',
    severities: { error: 'Error', warning: 'Advertencia', 'red-flag': 'Alerta', info: 'Nota' },
    notFoundTitle: 'Este enlace no funciona',
    notFound: 'Compruebe que abrió el enlace completo del mensaje, o pida un enlace nuevo a su contacto.',
    goneTitle: 'Este enlace ya no es válido',
    gone: 'Pida un enlace nuevo a su contacto.',
    refusedTitle: 'El archivo no se registró',
    tooManyTitle: 'Demasiadas solicitudes',
    tooMany: 'Espere {{seconds}} segundos y vuelva a intentarlo.',
    language: 'Idioma',
    periodLabel: 'Año del informe',
    templateLabel: 'Plantilla',
    caption: 'Hallazgos, celda por celda',
  },
};
