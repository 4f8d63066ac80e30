/// A layer of changes over the workbook as it stands: what a what-if
/// scenario is made of. The layer's steps go on the undo stack like any
/// others; peeling the layer undoes them all and brings back the redo
/// history that was there before, so the state under the layer returns
/// exactly, by the same mechanism as undo.
public struct Layer {
    /// The undo depth the layer starts at: its own steps lie above it.
    public let depth: Int
    let redo: [[Edit]]
}

/// A layer taken off the workbook with its steps kept, to be put back by
/// `resume` as long as the state under it has not changed since.
public struct SuspendedLayer {
    /// The steps as redo groups, the last step first.
    let steps: [[Edit]]
    /// The layer's own redo history, given back by `resume`.
    let redo: [[Edit]]
}

extension Workbook {
    /// How many steps can be undone.
    public var undoDepth: Int { undoStack.count }

    /// Starts a layer: later steps can be taken off together with `peel`
    /// or `suspend`. The redo history is set aside meanwhile (redo inside
    /// the layer redoes the layer's own steps only).
    public func beginLayer() -> Layer {
        let layer = Layer(depth: undoStack.count, redo: redoStack)
        redoStack.removeAll()
        return layer
    }

    /// Undoes every step taken since `layer` began and restores the redo
    /// history it set aside.
    /// - Complexity: the cost of undoing the layer's steps.
    public func peel(_ layer: Layer) {
        _ = suspend(layer)
    }

    /// Takes the layer's steps off as `peel` does, keeping them to resume.
    public func suspend(_ layer: Layer) -> SuspendedLayer {
        let own = redoStack
        var steps: [[Edit]] = []
        while undoStack.count > layer.depth, let group = undoStack.popLast() {
            steps.append(replay(group))
        }
        _ = takeReport()
        redoStack = layer.redo
        return SuspendedLayer(steps: steps, redo: own)
    }

    /// Puts a suspended layer's steps and its redo history back (redone,
    /// not recomputed from scratch) and returns the layer they form again.
    /// - Precondition: nothing changed under the layer since it was suspended.
    public func resume(_ suspended: SuspendedLayer) -> Layer {
        let layer = beginLayer()
        for group in suspended.steps.reversed() { undoStack.append(replay(group)) }
        redoStack = suspended.redo
        _ = takeReport()
        return layer
    }
}
