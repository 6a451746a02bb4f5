package cli

import (
	"fmt"

	"github.com/fatih/color"
)

// colorMode is the value of --color.
type colorMode string

const (
	colorAuto   colorMode = "auto"
	colorAlways colorMode = "always"
	colorNever  colorMode = "never"
)

func parseColorMode(s string) (colorMode, error) {
	switch m := colorMode(s); m {
	case colorAuto, colorAlways, colorNever:
		return m, nil
	}
	return "", flagErrorf("invalid --color %q: want auto, always or never", s)
}

// useColor decides colour for one writer. always and never win over the
// environment; auto follows NO_COLOR, CLICOLOR_FORCE and TERM=dumb.
func useColor(mode colorMode, isTTY bool, getenv func(string) string) bool {
	switch mode {
	case colorAlways:
		return true
	case colorNever:
		return false
	case colorAuto:
	}
	if getenv("NO_COLOR") != "" {
		return false
	}
	if f := getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return isTTY && getenv("TERM") != "dumb"
}

// Scheme colours output for one writer. fatih/color's global NoColor looks at
// stdout only, so each writer gets its own scheme with colour set explicitly.
type Scheme struct {
	enabled                               bool
	errorC, warningC, infoC, pathC, ruleC *color.Color
	okC, boldC, faintC                    *color.Color
}

func newScheme(enabled bool) *Scheme {
	s := &Scheme{
		enabled:  enabled,
		errorC:   color.New(color.FgRed, color.Bold),
		warningC: color.New(color.FgYellow, color.Bold),
		infoC:    color.New(color.FgCyan),
		pathC:    color.New(color.Bold),
		ruleC:    color.New(color.Faint),
		okC:      color.New(color.FgGreen, color.Bold),
		boldC:    color.New(color.Bold),
		faintC:   color.New(color.Faint),
	}
	for _, c := range []*color.Color{s.errorC, s.warningC, s.infoC, s.pathC, s.ruleC, s.okC, s.boldC, s.faintC} {
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return s
}

// Enabled reports whether the scheme emits escape codes.
func (s *Scheme) Enabled() bool { return s.enabled }

// Severity colours a severity word: error, warning or info.
func (s *Scheme) Severity(sev string) string {
	switch sev {
	case "error":
		return s.errorC.Sprint(sev)
	case "warning":
		return s.warningC.Sprint(sev)
	default:
		return s.infoC.Sprint(sev)
	}
}

// Path colours a file position.
func (s *Scheme) Path(a ...any) string { return s.pathC.Sprint(a...) }

// Rule colours a rule name.
func (s *Scheme) Rule(a ...any) string { return s.ruleC.Sprint(a...) }

// OK colours a success verdict.
func (s *Scheme) OK(a ...any) string { return s.okC.Sprint(a...) }

// Fail colours a failure verdict.
func (s *Scheme) Fail(a ...any) string { return s.errorC.Sprint(a...) }

// Warn colours a warning verdict.
func (s *Scheme) Warn(a ...any) string { return s.warningC.Sprint(a...) }

// Bold emphasises a heading.
func (s *Scheme) Bold(a ...any) string { return s.boldC.Sprint(a...) }

// Faint de-emphasises secondary text.
func (s *Scheme) Faint(a ...any) string { return s.faintC.Sprint(a...) }

// Sprintf formats with the bold style; handy for table headers.
func (s *Scheme) Sprintf(format string, a ...any) string {
	return s.boldC.Sprint(fmt.Sprintf(format, a...))
}
