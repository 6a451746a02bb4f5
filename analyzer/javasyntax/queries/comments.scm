; Every line comment, e.g.
;   stream.process(f); // want "has no uid"
(line_comment) @root
