package dev.facerec.twin.lambda;

/**
 * A function as an invocation or a permission names it: the function's name and, for a published version or an
 * alias, its qualifier. Accepts a name ({@code my-function}), a name with a qualifier ({@code my-function:live}), a
 * partial ARN ({@code 000000000000:function:my-function}) or a full ARN, qualified or not.
 *
 * @param name the function name
 * @param qualifier a version number or an alias name; {@code null} for the unqualified function ({@code $LATEST})
 */
public record FunctionReference(String name, String qualifier) {

    private static final String FUNCTION = "function:";

    public static FunctionReference parse(String nameOrArn) {
        int function = nameOrArn.indexOf(FUNCTION);
        String rest = function < 0 ? nameOrArn : nameOrArn.substring(function + FUNCTION.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return new FunctionReference(rest, null);
        }
        String qualifier = rest.substring(colon + 1);
        return new FunctionReference(rest.substring(0, colon), "$LATEST".equals(qualifier) ? null : qualifier);
    }

    /** The ARN Lambda gives this function, version or alias. */
    public String arn(String region, String accountId) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name
                + (qualifier == null ? "" : ":" + qualifier);
    }
}
