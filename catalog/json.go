package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	taizhang "taizhang"
)

// Document is the catalog as Contract 2 fixes it: the JSON users' scripts read.
type Document struct {
	Plan     taizhang.Plan      `json:"plan"`
	Sections []taizhang.Section `json:"sections"`
	Agencies []taizhang.Agency  `json:"agencies"`
	Tasks    []taizhang.Task    `json:"tasks"`
}

// MarshalJSON renders a plan as the catalog JSON of Contract 2, indented, with Chinese unescaped.
func MarshalJSON(p *taizhang.Plan) ([]byte, error) {
	doc := Document{Plan: *p, Sections: p.Sections, Agencies: p.Agencies, Tasks: p.Tasks}
	if doc.Sections == nil {
		doc.Sections = []taizhang.Section{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Hash is a SHA-256 of the catalog JSON of p alone, in its script: it changes exactly when
// something a template or a user's script relies on changes. Catalog versions are Version, over
// both scripts; databases stored before both were kept carry Hash of their catalog.
func Hash(p *taizhang.Plan) string {
	b, err := MarshalJSON(p)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Version is the catalog version of a catalog kept in both scripts (p, and other, the same
// catalog in the other script): a SHA-256 over the catalog JSON in each, Simplified first. It
// changes exactly when the catalog does, in either script, and not when people switch scripts.
func Version(p, other *taizhang.Plan) string {
	if p.Script == taizhang.Traditional {
		p, other = other, p
	}
	h := sha256.New()
	for _, q := range []*taizhang.Plan{p, other} {
		b, err := MarshalJSON(q)
		if err != nil {
			return ""
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
