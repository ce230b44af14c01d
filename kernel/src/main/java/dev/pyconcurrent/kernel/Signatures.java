package dev.pyconcurrent.kernel;

/**
 * JShell's member signatures made readable for inspect: a member inherited from a generic base
 * ({@code boolean Acquirable<A extends Acquirable<A>>.acquire()}) is shown as a member of the
 * receiver's type ({@code boolean Lock.acquire()}), and a declaring class's bounded type
 * parameters, which say nothing to the caller, are dropped.
 */
final class Signatures {
    private Signatures() { }

    /**
     * {@code signature} with its owner replaced by {@code receiverType}'s simple name (type
     * arguments dropped) when the receiver is known, else with the owner's bounded type
     * parameters dropped; signatures that name no member ({@code java.lang.Math}) unchanged.
     */
    static String asMemberOf(String signature, String receiverType) {
        int paren = signature.indexOf('(');
        if (paren < 0 && signature.indexOf(' ') < 0) return signature;   // a class
        String head = paren < 0 ? signature : signature.substring(0, paren);
        int dot = head.lastIndexOf('.');
        int start = ownerStart(head, dot);
        if (dot < 0 || start < 0) return signature;
        String owner = head.substring(start, dot);
        String shown = receiverType != null ? simple(RuntimeDocs.withoutTypeArguments(receiverType))
                : owner.contains(" extends ") ? RuntimeDocs.withoutTypeArguments(owner) : owner;
        return signature.substring(0, start) + shown + signature.substring(dot);
    }

    /** Where the owner before {@code head}'s member dot starts: after the return type's space, outside angle brackets. */
    private static int ownerStart(String head, int dot) {
        int depth = 0;
        for (int i = dot - 1; i >= 0; i--) {
            char c = head.charAt(i);
            if (c == '>') depth++;
            else if (c == '<') depth--;
            else if (c == ' ' && depth == 0) return i + 1;
        }
        return depth == 0 && dot > 0 ? 0 : -1;
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
