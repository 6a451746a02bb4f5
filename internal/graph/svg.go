package graph

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os/exec"
	"regexp"
	"slices"
	"strings"
)

// Layout chooses who places the nodes of an SVG.
type Layout int

// Layouts.
const (
	// LayoutAuto uses Graphviz's dot when it is on PATH, the built-in
	// layout otherwise.
	LayoutAuto Layout = iota
	// LayoutDot requires Graphviz's dot.
	LayoutDot
	// LayoutBuiltin is the small layered layout of this package.
	LayoutBuiltin
)

// DotPath is the Graphviz binary WriteSVG looks for on PATH.
const DotPath = "dot"

// WriteSVG writes g as a standalone SVG. Graphviz lays it out when layout
// allows and dot is installed (its layout is far better than anything
// small written here); otherwise the built-in layered layout does. It
// reports which one was used ("dot" or "builtin").
func WriteSVG(ctx context.Context, w io.Writer, g *Graph, layout Layout) (string, error) {
	if layout != LayoutBuiltin {
		path, err := exec.LookPath(DotPath)
		switch {
		case err == nil:
			svg, err := renderDot(ctx, path, g)
			if err != nil {
				return "", err
			}
			_, err = w.Write(svg)
			return "dot", err
		case layout == LayoutDot:
			return "", fmt.Errorf("graphviz: %w", err)
		}
	}
	return "builtin", writeBuiltinSVG(w, g)
}

// renderDot pipes the DOT text through dot -Tsvg.
func renderDot(ctx context.Context, path string, g *Graph) ([]byte, error) {
	var in, out, stderr bytes.Buffer
	if err := WriteDOT(&in, g); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return nil, fmt.Errorf("graphviz dot: %w", err)
		}
		return nil, fmt.Errorf("graphviz dot: %w: %s", err, firstLine(msg))
	}
	return out.Bytes(), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Built-in layout metrics, in SVG user units (px). charWidth is the
// advance of an average character at fontSize in a sans-serif font,
// generous so that labels stay inside their boxes.
const (
	fontSize   = 11.0
	lineHeight = 14.0
	charWidth  = 6.6
	padX       = 10.0
	padY       = 8.0
	gapX       = 28.0
	gapY       = 56.0
	margin     = 20.0
)

type box struct{ x, y, w, h float64 }

// placed is one job laid out: node boxes and its bounding box.
type placed struct {
	boxes  []box
	bounds box
}

// layoutJob places the nodes of one job: longest-path layering (each
// operator one layer below its lowest input), nodes in a layer ordered by
// the mean position of their inputs, and the detached savepoint entries in
// a column on the right. Cheap and predictable; it makes no attempt to
// reduce crossings beyond that ordering.
func layoutJob(jg *JobGraph, top float64) placed {
	n := len(jg.Nodes)
	ops := jg.operatorCount()
	boxes := make([]box, n)
	for i, nd := range jg.Nodes {
		w := 0.0
		for _, l := range nd.Lines() {
			w = max(w, float64(len([]rune(l)))*charWidth)
		}
		boxes[i] = box{w: w + 2*padX, h: float64(len(nd.Lines()))*lineHeight + 2*padY}
	}
	layer := make([]int, n)
	inputs := make([][]int, n)
	for _, e := range jg.Edges {
		if !e.Hint && e.From < e.To && e.To < ops {
			inputs[e.To] = append(inputs[e.To], e.From)
		}
	}
	depth := 0
	for i := range ops {
		for _, f := range inputs[i] {
			layer[i] = max(layer[i], layer[f]+1)
		}
		depth = max(depth, layer[i]+1)
	}
	rows := make([][]int, depth)
	for i := range ops {
		rows[layer[i]] = append(rows[layer[i]], i)
	}
	rank := make([]float64, n)
	y := top + 30 // room for the job title
	right := margin
	for _, row := range rows {
		key := make(map[int]float64, len(row))
		for _, i := range row {
			key[i] = float64(i) / float64(n+1) // creation order breaks ties
			if len(inputs[i]) > 0 {
				s := 0.0
				for _, f := range inputs[i] {
					s += rank[f]
				}
				key[i] += s / float64(len(inputs[i]))
			}
		}
		slices.SortStableFunc(row, func(a, b int) int { return cmpFloat(key[a], key[b]) })
		x, h := margin+padX, 0.0
		for pos, i := range row {
			rank[i] = float64(pos)
			boxes[i].x, boxes[i].y = x, y
			x += boxes[i].w + gapX
			h = max(h, boxes[i].h)
		}
		right = max(right, x)
		y += h + gapY
	}
	if jg.Omitted > 0 {
		y += lineHeight
	}
	bottom := y
	dy := top + 30
	for i := ops; i < n; i++ {
		boxes[i].x, boxes[i].y = right+gapX, dy
		dy += boxes[i].h + gapX
		bottom = max(bottom, dy)
	}
	width := right
	if jg.Detached > 0 {
		for i := ops; i < n; i++ {
			width = max(width, boxes[i].x+boxes[i].w+gapX)
		}
	}
	return placed{boxes: boxes, bounds: box{x: margin / 2, y: top, w: width, h: bottom - top}}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// writeBuiltinSVG draws g with the built-in layout.
func writeBuiltinSVG(w io.Writer, g *Graph) error {
	var body bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&body, format, args...) }
	y := margin
	width := 0.0
	p("<text x=\"%.0f\" y=\"%.0f\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", margin, y+4, esc(graphTitle(g)))
	y += 20
	y, width = writeBuiltinLegend(p, g, y, width)
	for _, jg := range g.Jobs {
		pl := layoutJob(jg, y)
		writeBuiltinJob(p, jg, pl)
		width = max(width, pl.bounds.x+pl.bounds.w)
		y = pl.bounds.y + pl.bounds.h + margin
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(bw, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "+
		"font-family=\"Helvetica, Arial, sans-serif\" font-size=\"%.0f\">\n", width+margin, y, width+margin, y, fontSize)
	fmt.Fprintf(bw, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\">"+
		"<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n")
	fmt.Fprintf(bw, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", width+margin, y)
	if _, err := bw.Write(body.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(bw, "</svg>\n")
	return bw.Flush()
}

func writeBuiltinLegend(p func(string, ...any), g *Graph, y, width float64) (float64, float64) {
	x := margin
	p("<g class=\"legend\"><text x=\"%.0f\" y=\"%.0f\" font-weight=\"bold\">legend</text>\n", x, y+12)
	y += 20
	for _, s := range g.Legend() {
		label := "▶ " + styles[s].Text
		w := float64(len([]rune(label)))*charWidth + 2*padX
		writeShape(p, s, box{x: x, y: y, w: w, h: lineHeight + 2*padY}, legendHelp[s])
		p("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text></g>\n", x+w/2, y+padY+lineHeight-3, esc(label))
		x += w + 10
	}
	width = max(width, x)
	y += lineHeight + 2*padY + 16
	for l := range strings.SplitSeq(legendEdges, "\n") {
		p("<text x=\"%.0f\" y=\"%.0f\" fill=\"#333\">%s</text>\n", margin, y, esc(l))
		y += lineHeight
	}
	p("</g>\n")
	return y + 10, width
}

// writeShape opens a node group: its tooltip, and the box drawn in the
// status's colour, dash pattern and border width (doubled for bold).
func writeShape(p func(string, ...any), s Status, b box, tip string) {
	st := styles[s]
	p("<g class=\"node %s\">", string(s))
	if tip != "" {
		p("<title>%s</title>", esc(tip))
	}
	attrs := ""
	switch st.Dash {
	case "dashed":
		attrs = ` stroke-dasharray="6 3"`
	case "dotted":
		attrs = ` stroke-dasharray="2 2"`
	case "bold":
		attrs = ` stroke-width="3"`
	}
	p("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"#222\"%s/>",
		b.x, b.y, b.w, b.h, st.Fill, attrs)
	if st.Dash == "bold" {
		p("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" fill=\"none\" stroke=\"#222\"/>",
			b.x+4, b.y+4, b.w-8, b.h-8)
	}
}

func writeBuiltinJob(p func(string, ...any), jg *JobGraph, pl placed) {
	b := pl.bounds
	p("<g class=\"job\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#555\"/>\n", b.x, b.y, b.w, b.h)
	p("<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">%s</text>\n", b.x+8, b.y+18, esc(jobTitle(jg)))
	for c, members := range jg.Chains {
		cb := pl.boxes[members[0]]
		x0, y0, x1, y1 := cb.x, cb.y, cb.x+cb.w, cb.y+cb.h
		for _, m := range members[1:] {
			mb := pl.boxes[m]
			x0, y0 = min(x0, mb.x), min(y0, mb.y)
			x1, y1 = max(x1, mb.x+mb.w), max(y1, mb.y+mb.h)
		}
		p("<g class=\"chain\"><title>chain %d</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#0072B2\" stroke-dasharray=\"4 3\"/></g>\n",
			c, x0-6, y0-6, x1-x0+12, y1-y0+12)
	}
	for _, e := range jg.Edges {
		f, t := pl.boxes[e.From], pl.boxes[e.To]
		x1, y1, x2, y2 := f.x+f.w/2, f.y+f.h, t.x+t.w/2, t.y
		if e.Hint {
			x1, y1, x2, y2 = f.x, f.y+f.h/2, t.x+t.w, t.y+t.h/2
		}
		attrs := ` stroke="#333"`
		switch {
		case e.Hint:
			attrs = ` stroke="#CC79A7" stroke-dasharray="5 4"`
		case e.Chained:
			attrs += ` stroke-width="2.5"`
		}
		p("<g class=\"edge\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%s marker-end=\"url(#arrow)\"/>", x1, y1, x2, y2, attrs)
		p("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#333\">%s</text></g>\n", (x1+x2)/2+4, (y1+y2)/2, esc(e.Label))
	}
	for i, nd := range jg.Nodes {
		bx := pl.boxes[i]
		writeShape(p, nd.Status, bx, nd.Tip)
		for k, l := range nd.Lines() {
			p("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", bx.x+bx.w/2, bx.y+padY+float64(k+1)*lineHeight-3, esc(l))
		}
		p("</g>\n")
	}
	if jg.Omitted > 0 {
		p("<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%s</text>\n", b.x+8, b.y+b.h-6, esc(omittedNote(jg.Omitted)))
	}
	p("</g>\n")
}

// esc escapes text for SVG and HTML content and attributes.
func esc(s string) string { return html.EscapeString(s) }

// svgProlog matches what precedes the <svg> element in Graphviz's output
// (XML declaration, DOCTYPE, comments), which HTML does not want.
var svgProlog = regexp.MustCompile(`(?s)\A.*?(<svg[\s>])`)

// WriteHTML writes a self-contained page: the SVG inline (no script, no
// external resource), the verdict per job, and the legend as a table that
// also reads without colour.
func WriteHTML(ctx context.Context, w io.Writer, g *Graph, layout Layout) (string, error) {
	var svg bytes.Buffer
	used, err := WriteSVG(ctx, &svg, g, layout)
	if err != nil {
		return "", err
	}
	inline := svgProlog.ReplaceAll(svg.Bytes(), []byte("$1"))
	if !bytes.HasPrefix(inline, []byte("<svg")) {
		return "", errors.New("graph: the SVG has no <svg> element")
	}
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", esc(graphTitle(g)))
	p("<style>\nbody{font-family:Helvetica,Arial,sans-serif;margin:1.5em;color:#111}\n" +
		"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}\n" +
		".swatch{display:inline-block;width:1.4em;height:1em;border:1px solid #222;vertical-align:middle}\n" +
		".graph{overflow:auto;border:1px solid #ccc;padding:.5em}.graph svg{max-width:100%%;height:auto}\n</style>\n</head>\n<body>\n")
	p("<h1>%s</h1>\n", esc(graphTitle(g)))
	for _, jg := range g.Jobs {
		if jg.Verdict != "" {
			p("<p><strong>%s</strong></p>\n", esc(jobTitle(jg)))
		}
	}
	p("<table class=\"legend\">\n<caption>legend</caption>\n<tr><th>colour</th><th>status text</th><th>meaning</th></tr>\n")
	for _, s := range g.Legend() {
		st := styles[s]
		p("<tr><td><span class=\"swatch\" style=\"background:%s\"></span></td><td>▶ %s</td><td>%s</td></tr>\n", st.Fill, esc(st.Text), esc(legendHelp[s]))
	}
	p("</table>\n<p>%s</p>\n", strings.ReplaceAll(esc(legendEdges), "\n", " "))
	p("<div class=\"graph\">\n")
	if _, err := bw.Write(inline); err != nil {
		return "", err
	}
	p("</div>\n<p>Layout: %s.</p>\n</body>\n</html>\n", esc(layoutName(used)))
	return used, bw.Flush()
}

func layoutName(used string) string {
	if used == "dot" {
		return "Graphviz dot"
	}
	return "uidcheck's built-in layered layout (Graphviz dot was not found)"
}
