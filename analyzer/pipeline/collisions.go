package pipeline

// UIDUse is one uid an operator gives Flink: its own, or the uid Flink
// derives for a Sink V2 part ("Sink Committer: U").
type UIDUse struct {
	UID string
	Op  *Operator
	// Part is the Sink V2 part, "" for the operator itself.
	Part string
}

// UIDUses lists the resolved uids op gives Flink.
func (o *Operator) UIDUses() []UIDUse {
	if o.UID.State != UIDResolved {
		return nil
	}
	if len(o.Parts) == 0 {
		return []UIDUse{{UID: o.UID.Value, Op: o}}
	}
	out := make([]UIDUse, 0, len(o.Parts))
	for _, p := range o.Parts {
		if p.UID != "" {
			out = append(out, UIDUse{UID: p.UID, Op: o, Part: p.Name})
		}
	}
	return out
}

// Collision is a uid two operators of one job graph give Flink, which then
// refuses the graph with "Hash collision on user-specified ID".
type Collision struct {
	First, Second UIDUse
}

// InLoop reports a collision of an operator with itself: it is created in
// a loop, so every iteration adds an operator with the same uid.
func (c Collision) InLoop() bool { return c.First.Op == c.Second.Op }

// Collisions returns the job's uid collisions: a constant uid set in a
// loop, and each later use of a uid against the first earlier use it can
// meet (operators in mutually exclusive branches, then and else or two
// switch arms, never are in one graph). duplicateuid reports these and
// compat predicts the failure from them, so that the two always agree.
func (j *Job) Collisions() []Collision {
	var out []Collision
	earlier := map[string][]UIDUse{}
	for _, op := range j.Operators {
		for _, u := range op.UIDUses() {
			if op.InLoop && u.Part == "" {
				out = append(out, Collision{First: u, Second: u})
			}
			for _, prev := range earlier[u.UID] {
				if prev.Op != op && !prev.Op.Exclusive(op) {
					out = append(out, Collision{First: prev, Second: u})
					break
				}
			}
			earlier[u.UID] = append(earlier[u.UID], u)
		}
	}
	return out
}
