import { i18n } from '../i18n';

// Words of the reply templates' edit and retire (TemplateActions.vue), on the unit admin's page and
// the office's rules page.
const zhCN = {
  tp: {
    edit: '编辑', editOf: '编辑：{title}', retire: '停用', retireOf: '停用：{title}', actions: '操作',
    editTitle: '编辑答复模板', title: '模板名称', body: '模板内容', adoption: '默认采纳情况', noAdoption: '不预设', required: '请填写{field}。',
    save: '保存', cancel: '取消', saved: '已保存答复模板：{title}。',
    retireTitle: '停用答复模板', retireConfirm: '停用后，“{title}”不再出现在答复表单的模板选择中，也不能再修改；已用它发送的答复保持原文。',
    confirmRetire: '确定停用', retired: '已停用答复模板：{title}。', changed: '该模板已被他人修改或停用，请刷新后再操作。',
  },
};
const en = {
  tp: {
    edit: 'Edit', editOf: 'Edit: {title}', retire: 'Retire', retireOf: 'Retire: {title}', actions: 'Actions',
    editTitle: 'Edit reply template', title: 'Template name', body: 'Template text', adoption: 'Default decision', noAdoption: 'None', required: 'Enter {field}.',
    save: 'Save', cancel: 'Cancel', saved: 'Template saved: {title}.',
    retireTitle: 'Retire reply template', retireConfirm: 'Once retired, “{title}” is no longer offered in the reply form and cannot be edited; replies already sent from it keep their text.',
    confirmRetire: 'Retire', retired: 'Template retired: {title}.', changed: 'Someone else changed or retired this template; reload before trying again.',
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);
