// Package catalogbook is the coordinator's catalog workbook: the plan's tasks, indicators and
// agencies laid out to review and correct in Excel (Workbook), and the corrections read back
// (Read), every cell checked and each problem named by its sheet and cell, nothing taken when
// any is wrong. PlanOf tells which plan a catalog workbook was exported from.
package catalogbook
