// Package data embeds the default plan document: Shandong's 2023 key tasks (魯政辦字〔2023〕5號).
package data

import _ "embed"

// DefaultPlanName is the file name of the embedded plan, used in messages.
const DefaultPlanName = "shandong-2023-key-tasks.txt"

// DefaultPlan is the text of the embedded plan, exactly as published.
//
//go:embed shandong-2023-key-tasks.txt
var DefaultPlan []byte
