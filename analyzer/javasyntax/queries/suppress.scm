; A @SuppressWarnings annotation on a declaration, e.g.
;   @SuppressWarnings("uidcheck:missinguid")
;   static DataStream<Event> dedup(DataStream<Event> in) { ... }
((annotation
   name: (identifier) @name
   arguments: (annotation_argument_list) @args) @root
 (#eq? @name "SuppressWarnings"))
